"""Prints a sweep report (GET /api/v1/sweeps/{id}) as result lines and draws test MAE against sensors kept as SVG.

    python3 bench/selection_report.py report.json plot.svg [more-report.json ...]

Further reports add the (forecaster, method, γ) cells the first lacks (the first report to have a cell wins), so sweeps
run separately draw one curve per forecaster and method; the random band and the recommendations come from the first
report that has them. Prints per γ the recommended network (lowest validation MAE) beside the linear forecaster on the
same sensor set and beside the linear forecaster's random band, and each curve's knee (the sweep API's rule).
"""
import json
import sys

reports = [json.load(open(f)) for f in [sys.argv[1]] + sys.argv[3:]]
rows, seen = [], set()
for rep in reports:
    for r in rep["rows"]:
        key = (r.get("forecaster", "network"), r["method"].lower(), r["gamma"])
        if r["testMae"] is not None and key not in seen:
            seen.add(key)
            rows.append(dict(r, forecaster=key[0], method=key[1]))
rows.sort(key=lambda r: (r["forecaster"], r["method"], r["gamma"]))
bands = next((rep["figures"]["randomBands"] for rep in reports if rep.get("figures", {}).get("randomBands")), [])
stability = {(s["method"], s["gamma"]): s["bootstrapJaccard"] for rep in reports
             for s in rep.get("figures", {}).get("stability", [])}
recommendations = next((rep["recommendations"] for rep in reports if rep.get("recommendations")), [])


def fmt(v, pattern):
    return "n/a" if v is None else pattern % v


for r in rows:
    print("result=selection forecaster=%s method=%s gamma=%s kept=%.1f budget=%d seeds=%d test_mae=%.4f mae_std=%.4f "
          "val_mae=%s rmse=%.3f mape=%.2f jaccard_seeds=%s jaccard_bootstrap=%s"
          % (r["forecaster"], r["method"], r["gamma"], r["sensorsKept"], r["budget"], r["seedsDone"], r["testMae"],
             r["testMaeStd"], fmt(r.get("validationMae"), "%.4f"), r["testRmse"], r["testMape"], fmt(r["jaccard"], "%.3f"),
             fmt(stability.get((r["method"], r["gamma"])), "%.3f")))
for b in bands:
    print("result=random_band forecaster=linear gamma=%s sensors=%d draws=%d mean=%.4f sd=%.4f min=%.4f max=%.4f"
          % (b["gamma"], b["sensors"], b["draws"], b["meanTestMae"], b["sdTestMae"], b["minTestMae"], b["maxTestMae"]))
cell = {(r["forecaster"], r["method"], r["gamma"]): r for r in rows}
for rec in recommendations:
    line = cell.get(("linear", rec["method"], rec["gamma"]))
    band = next((b for b in bands if b["gamma"] == rec["gamma"]), None)
    others = {m: r["testMae"] for (f, m, g), r in cell.items() if f == "network" and g == rec["gamma"] and m != rec["method"]}
    print("result=recommended gamma=%s method=%s model=%s val_mae=%.4f test_mae=%.4f ridge_same_set=%s ridge_random_mean=%s "
          "vs_ridge_random=%s other_networks=%s"
          % (rec["gamma"], rec["method"], rec["modelId"], rec["validationMae"], rec["testMae"],
             fmt(line and line["testMae"], "%.4f"), fmt(band and band["meanTestMae"], "%.4f"),
             fmt(band and rec["testMae"] / band["meanTestMae"], "%.3fx"),
             ",".join("%s:%.4f" % kv for kv in sorted(others.items()))))

tolerance = (reports[0]["sweep"].get("kneeTolerance") or 0.05)
for f in sorted({r["forecaster"] for r in rows}):
    full = next((r["testMae"] for r in rows if r["forecaster"] == f and r["gamma"] == 1.0), None)
    if full is None:
        continue
    for m in sorted({r["method"] for r in rows if r["forecaster"] == f} - {"full"}):
        within = [r for r in rows if r["forecaster"] == f and r["method"] == m and r["testMae"] <= (1 + tolerance) * full]
        knee = min(within, key=lambda r: r["sensorsKept"]) if within else None
        print("result=knee forecaster=%s method=%s tolerance=%.2f full_mae=%.4f knee_sensors=%s knee_gamma=%s"
              % (f, m, tolerance, full, fmt(knee and knee["sensorsKept"], "%.0f"), knee and knee["gamma"]))

# SVG: one curve per forecaster and method (network solid, linear dashed), markers with ± one sd bars, the random band
# (linear, mean ± sd) shaded, each forecaster's full model as a horizontal line
colours = {"prunegcrn": "#1b7837", "random": "#b2182b", "correlation": "#2166ac", "qr": "#762a83", "greedy": "#e08214",
           "forecast-greedy": "#01665e", "full": "#444444"}
width, height, left, bottom, top, right = 780, 440, 70, 50, 30, 290
curves = [r for r in rows if r["method"] != "full"]
xs = [r["sensorsKept"] for r in rows] + [b["sensors"] for b in bands]
ys = ([r["testMae"] + r["testMaeStd"] for r in rows] + [r["testMae"] - r["testMaeStd"] for r in rows]
      + [b["meanTestMae"] + b["sdTestMae"] for b in bands] + [b["meanTestMae"] - b["sdTestMae"] for b in bands])
x_max = max(xs) * 1.08 if xs else 1
y_min, y_max = (min(ys) * 0.97, max(ys) * 1.03) if ys else (0, 1)


def px(x):
    return left + (width - left - right) * x / x_max


def py(y):
    return height - bottom - (height - top - bottom) * (y - y_min) / (y_max - y_min)


svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height),
       '<rect width="100%" height="100%" fill="white"/>',
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, height - bottom, width - right, height - bottom),
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (left, top, left, height - bottom)]
for i in range(6):
    y = y_min + (y_max - y_min) * i / 5
    svg.append('<text x="%d" y="%.1f" text-anchor="end">%.2f</text>' % (left - 6, py(y) + 4, y))
    x = x_max * i / 5
    svg.append('<text x="%.1f" y="%d" text-anchor="middle">%.0f</text>' % (px(x), height - bottom + 16, x))
svg.append('<text x="%d" y="%d" text-anchor="middle">sensors kept</text>' % ((left + width - right) / 2, height - 12))
svg.append('<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">test MAE</text>' % (height / 2, height / 2))
if bands:
    bs = sorted(bands, key=lambda b: b["sensors"])
    upper = " ".join("%.1f,%.1f" % (px(b["sensors"]), py(b["meanTestMae"] + b["sdTestMae"])) for b in bs)
    lower = " ".join("%.1f,%.1f" % (px(b["sensors"]), py(b["meanTestMae"] - b["sdTestMae"])) for b in reversed(bs))
    svg.append('<polygon points="%s %s" fill="#999" fill-opacity="0.3"/>' % (upper, lower))
legend = []
for f in ("network", "linear"):
    full = next((r for r in rows if r["forecaster"] == f and r["gamma"] == 1.0), None)
    if full:
        dash = ' stroke-dasharray="6,4"' if f == "linear" else ""
        svg.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#444"%s/>' % (left, py(full["testMae"]), width - right,
                                                                                    py(full["testMae"]), dash))
        legend.append(("full %s (%.3f)" % (f, full["testMae"]), "#444", dash))
for f in ("network", "linear"):
    for m in sorted({r["method"] for r in curves if r["forecaster"] == f}):
        pts = sorted((r for r in curves if r["forecaster"] == f and r["method"] == m), key=lambda r: r["sensorsKept"])
        colour = colours.get(m, "#000")
        dash = ' stroke-dasharray="6,4"' if f == "linear" else ""
        svg.append('<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>'
                   % (colour, dash, " ".join("%.1f,%.1f" % (px(r["sensorsKept"]), py(r["testMae"])) for r in pts)))
        for r in pts:
            x = px(r["sensorsKept"])
            svg.append('<circle cx="%.1f" cy="%.1f" r="%d" fill="%s"/>' % (x, py(r["testMae"]), 4 if f == "network" else 3, colour))
            if r["testMaeStd"] > 0:
                svg.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>'
                           % (x, py(r["testMae"] - r["testMaeStd"]), x, py(r["testMae"] + r["testMaeStd"]), colour))
        legend.append(("%s (%s)" % (m, f), colour, dash))
if bands:
    legend.append(("random sets, linear: mean ± sd (%d draws)" % bands[0]["draws"], "#999", ""))
for i, (name, colour, dash) in enumerate(legend):
    y = top + 14 + 18 * i
    svg.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>' % (width - right + 12, y - 4,
                                                                                          width - right + 36, y - 4, colour, dash))
    svg.append('<text x="%d" y="%d">%s</text>' % (width - right + 42, y, name))
svg.append("</svg>")
open(sys.argv[2], "w").write("\n".join(svg))
