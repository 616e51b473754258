"""Prints a sweep report (GET /api/v1/sweeps/{id}) as result lines and draws MAE against sensors kept as SVG.

    python3 bench/selection_report.py report.json plot.svg [more-report.json ...]

Further reports add the (method, γ) cells the first lacks (the first report to have a cell wins), so sweeps run
separately draw one curve per method. Prints each method's knee over the merged cells: the fewest sensors whose test
MAE is at most (1 + tolerance) × the full model's (the rule of the sweep API, tolerance from the first report).
"""
import json
import sys

reports = [json.load(open(f)) for f in [sys.argv[1]] + sys.argv[3:]]
report = reports[0]
rows, seen = [], set()
for rep in reports:
    for r in rep["rows"]:
        key = (r["method"].lower(), r["gamma"])
        if r["testMae"] is not None and key not in seen:
            seen.add(key)
            rows.append(r)
rows.sort(key=lambda r: (r["method"].lower(), r["gamma"]))


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

full = next((r["testMae"] for r in rows if r["gamma"] == 1.0 and r["method"].lower() == "full"),
            next((r["testMae"] for r in rows if r["gamma"] == 1.0), None))
tolerance = report["sweep"].get("kneeTolerance") or 0.05
if full is not None:
    for m in sorted({r["method"].lower() for r in rows} - {"full"}):
        within = [r for r in rows if r["method"].lower() == m and r["testMae"] <= (1 + tolerance) * full]
        knee = min(within, key=lambda r: r["sensorsKept"]) if within else None
        print("result=knee method=%s tolerance=%.2f full_mae=%.4f knee_sensors=%s knee_gamma=%s"
              % (m, tolerance, full, fmt(knee and knee["sensorsKept"], "%.0f"), knee and knee["gamma"]))

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
       '<text x="%d" y="18" font-size="14">%s: test MAE against sensors kept (mean ± sd over seeds, %s epochs)</text>'
       % (left, report["sweep"]["datasetId"], report["sweep"]["epochs"]),
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, height - bottom, width - right, height - bottom),
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, top, left, height - bottom),
       '<text x="%d" y="%d" text-anchor="middle">sensors kept</text>' % ((left + width - right) / 2, height - 12),
       '<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">test MAE</text>' % ((top + height - bottom) / 2, (top + height - bottom) / 2)]
for i in range(6):
    xv = x_max * i / 5
    yv = y_min + (y_max - y_min) * i / 5
    out.append('<text x="%.1f" y="%d" text-anchor="middle">%.0f</text>' % (px(xv), height - bottom + 16, xv))
    out.append('<text x="%d" y="%.1f" text-anchor="end">%.2f</text>' % (left - 6, py(yv) + 4, yv))
for m in {r["method"].lower() for r in rows}:
    pts = sorted((px(r["sensorsKept"]), py(r["testMae"])) for r in rows if r["method"].lower() in (m, "full"))
    out.append('<polyline fill="none" stroke="%s" points="%s"/>'
               % (colours.get(m, "black"), " ".join("%.1f,%.1f" % p for p in pts)))
if full is not None:
    out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#444444" stroke-dasharray="4 3"/>'
               % (left, py((1 + tolerance) * full), width - right, py((1 + tolerance) * full)))
    out.append('<text x="%d" y="%.1f" fill="#444444">full + %.0f %%</text>' % (width - right + 4, py((1 + tolerance) * full) + 4, 100 * tolerance))
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
