"""Draws a failure curve (GET /api/v1/models/{id}/failure-curve) as SVG: test MAE against the share of retained sensors
failing (evenly spaced, the number of sensors in brackets), the mean over draws with the range of the draws, and the
MAE with none failing as a dashed line.

    python3 bench/failure_plot.py curve.json plot.svg
"""
import json
import sys

c = json.load(open(sys.argv[1]))
points = c["points"]
none = c["noFailureMae"]
width, height, left, right, top, bottom = 560, 320, 60, 20, 30, 50
lo = min([none] + [p["minMae"] for p in points])
hi = max([none] + [p["maxMae"] for p in points])
pad = (hi - lo) * 0.1 or 0.01
lo, hi = lo - pad, hi + pad
xs = list(range(len(points) + 1))
labels = ["none"] + ["%g %% (%d)" % (100 * p["rate"], p["failed"]) for p in points]


def x(v):
    return left + 20 + v / len(points) * (width - left - right - 40)


def y(v):
    return top + (hi - v) / (hi - lo) * (height - top - bottom)


out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height),
       '<rect width="100%" height="100%" fill="white"/>',
       '<text x="%d" y="18" font-size="13">%s: test MAE as retained sensors fail (mean and range of %d draws)</text>' % (
           left, c["modelId"], c["draws"])]
steps = 5
for k in range(steps + 1):
    v = lo + (hi - lo) * k / steps
    out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e5e7eb"/>' % (left, width - right, y(v), y(v)))
    out.append('<text x="%d" y="%.1f" text-anchor="end">%.2f</text>' % (left - 6, y(v) + 4, v))
for v, label in zip(xs, labels):
    out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (x(v), height - bottom + 18, label))
out.append('<text x="%d" y="%d" text-anchor="middle">share of the %d retained sensors failing (sensors failing)</text>' % (
    (left + width - right) / 2, height - 10, c["sensorsKept"]))
out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#009E73" stroke-dasharray="5 4"/>' % (left, width - right, y(none), y(none)))
out.append('<text x="%d" y="%.1f" fill="#009E73" text-anchor="end">none failing %.3f</text>' % (width - right, y(none) + 16, none))
path = " ".join("%s%.1f,%.1f" % ("M" if i == 0 else "L", x(v), y(m)) for i, (v, m) in enumerate(
    zip(xs, [none] + [p["meanMae"] for p in points])))
out.append('<path d="%s" fill="none" stroke="#0072B2" stroke-width="2"/>' % path)
for v, p in zip(xs[1:], points):
    out.append('<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#0072B2"/>' % (x(v), x(v), y(p["minMae"]), y(p["maxMae"])))
    out.append('<circle cx="%.1f" cy="%.1f" r="4" fill="#0072B2"><title>%g %%: %.4f</title></circle>' % (
        x(v), y(p["meanMae"]), 100 * p["rate"], p["meanMae"]))
out.append("</svg>")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
