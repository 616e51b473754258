"""Prints a sweep report (GET /api/v1/sweeps/{id}) as result lines and draws MAE against sensors kept as SVG.

    python3 bench/selection_report.py report.json plot.svg
"""
import json
import sys

report = json.load(open(sys.argv[1]))
rows = [r for r in report["rows"] if r["testMae"] is not None]


def fmt(v, pattern):
    return "n/a" if v is None else pattern % v


by_gamma = {}
for r in rows:
    by_gamma.setdefault(r["gamma"], {})[r["method"].lower()] = r
for r in rows:
    learned = by_gamma[r["gamma"]].get("prunegcrn")
    vs = "" if learned is None or r is learned else " learned_below_this=%.1f%%" % (100 * (1 - learned["testMae"] / r["testMae"]))
    print("result=selection method=%s gamma=%s kept=%.1f budget=%d seeds=%d test_mae=%.4f mae_std=%.4f rmse=%.3f mape=%.2f jaccard=%s%s"
          % (r["method"].lower(), r["gamma"], r["sensorsKept"], r["budget"], r["seedsDone"], r["testMae"], r["testMaeStd"],
             r["testRmse"], r["testMape"], fmt(r["jaccard"], "%.3f"), vs))

# SVG: one marker per method and γ at (mean sensors kept, mean test MAE), a bar for ± one standard deviation
colours = {"prunegcrn": "#1b7837", "random": "#b2182b", "correlation": "#2166ac", "full": "#444444"}
width, height, left, bottom, top, right = 640, 400, 70, 50, 30, 170
xs = [r["sensorsKept"] for r in rows]
ys = [r["testMae"] + r["testMaeStd"] for r in rows] + [r["testMae"] - r["testMaeStd"] for r in rows]
x_max = max(xs) * 1.15 if xs else 1
y_min, y_max = (min(ys) * 0.95, max(ys) * 1.05) if ys else (0, 1)


def px(x):
    return left + (width - left - right) * x / x_max


def py(y):
    return height - bottom - (height - bottom - top) * (y - y_min) / (y_max - y_min)


out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height),
       '<rect width="100%" height="100%" fill="white"/>',
       '<text x="%d" y="18" font-size="14">%s: test MAE against sensors kept (mean ± sd over %s seeds, %s epochs)</text>'
       % (left, report["sweep"]["datasetId"], len(report["sweep"]["seeds"]), report["sweep"]["epochs"]),
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, height - bottom, width - right, height - bottom),
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, top, left, height - bottom),
       '<text x="%d" y="%d" text-anchor="middle">sensors kept</text>' % ((left + width - right) / 2, height - 12),
       '<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">test MAE</text>' % ((top + height - bottom) / 2, (top + height - bottom) / 2)]
for i in range(6):
    xv = x_max * i / 5
    yv = y_min + (y_max - y_min) * i / 5
    out.append('<text x="%.1f" y="%d" text-anchor="middle">%.0f</text>' % (px(xv), height - bottom + 16, xv))
    out.append('<text x="%d" y="%.1f" text-anchor="end">%.2f</text>' % (left - 6, py(yv) + 4, yv))
for r in rows:
    m = r["method"].lower()
    c = colours.get(m, "black")
    x, y, sd = px(r["sensorsKept"]), py(r["testMae"]), r["testMaeStd"]
    out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>' % (x, py(r["testMae"] - sd), x, py(r["testMae"] + sd), c))
    out.append('<circle cx="%.1f" cy="%.1f" r="5" fill="%s"/>' % (x, y, c))
for i, (m, c) in enumerate(colours.items()):
    if any(r["method"].lower() == m for r in rows):
        out.append('<circle cx="%d" cy="%d" r="5" fill="%s"/><text x="%d" y="%d">%s</text>'
                   % (width - right + 20, top + 20 + 20 * i, c, width - right + 32, top + 24 + 20 * i, m))
out.append("</svg>")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("plot=%s" % sys.argv[2])
