package dev.equivariance.report;

/** The style sheet inlined into every HTML report and the index page (no external fonts or files). */
final class HtmlStyle {

    private HtmlStyle() {
    }

    static final String CSS = """
            :root {
              --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --card: #ffffff;
              --pass: #1a7f37; --attention: #9a6700; --fail: #c62828; --accent: #0969da;
              --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
              --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
            }
            * { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; }
            body { margin: 0; font-family: var(--sans); font-size: 15px; line-height: 1.5; color: var(--text);
                   background: #eef1f4; }
            .wrap { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
            a { color: var(--accent); }
            code, pre, .mono { font-family: var(--mono); font-size: 13px; }
            code { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 1px 5px;
                   overflow-wrap: anywhere; }
            h1 { font-size: 26px; line-height: 1.25; margin: 4px 0 2px; overflow-wrap: anywhere; }
            h2 { font-size: 18px; margin: 0 0 12px; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            .page-header { background: var(--card); border-top: 6px solid var(--muted);
                           border-bottom: 1px solid var(--line); padding: 22px 0 18px; margin-bottom: 20px; }
            .page-header.verdict-pass { border-top-color: var(--pass); }
            .page-header.verdict-needs_attention { border-top-color: var(--attention); }
            .page-header.verdict-fail { border-top-color: var(--fail); }
            .header-row { display: flex; gap: 20px; align-items: flex-start; justify-content: space-between; }
            .eyebrow { margin: 0; color: var(--muted); font-size: 13px; text-transform: uppercase;
                       letter-spacing: .06em; }
            .subtitle { margin: 0; color: var(--muted); font-size: 16px; }
            .subtitle strong { color: var(--text); }
            .meta { margin: 4px 0 0; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
            .meta code { font-size: 12px; }
            .kpi .sub { color: var(--muted); font-size: 13px; font-weight: 400; }
            .badge { display: inline-block; border-radius: 999px; padding: 6px 16px; font-weight: 700;
                     font-size: 15px; letter-spacing: .04em; color: #fff; white-space: nowrap; }
            .badge.small { padding: 2px 10px; font-size: 12px; }
            .badge.verdict-pass { background: var(--pass); }
            .badge.verdict-needs_attention { background: var(--attention); }
            .badge.verdict-fail { background: var(--fail); }
            .verdict-note { margin: 6px 0 0; color: var(--muted); font-size: 13px; text-align: right; }
            .kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-top: 18px; }
            .kpi { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
            .kpi .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
            .kpi .value { font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums; }
            .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
                    padding: 20px 22px; margin-bottom: 18px; }
            .facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 0; }
            .facts dt { color: var(--muted); }
            .facts dd { margin: 0; overflow-wrap: anywhere; }
            table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
            th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
                 background: var(--soft); }
            td.num, th.num { text-align: right; white-space: nowrap; }
            td.nowrap { white-space: nowrap; }
            .table-scroll { overflow-x: auto; }
            .stats td:first-child { color: var(--muted); width: 40%; }
            .stats-2 td:nth-child(odd) { color: var(--muted); width: 30%; }
            .stats-2 td:nth-child(even) { width: 20%; }
            .stats-2 td.num { padding-right: 28px; }
            .chip { display: inline-block; border-radius: 4px; padding: 0 7px; font-size: 12px; font-weight: 650;
                    border: 1px solid transparent; white-space: nowrap; }
            .chip.lvl-exact, .chip.lvl-excellent, .chip.result-pass { color: #116329; background: #dafbe1;
                    border-color: #aceebb; }
            .chip.lvl-approximate { color: #7d4e00; background: #fff8c5; border-color: #eed888; }
            .chip.lvl-broken, .chip.result-fail { color: #a40e26; background: #ffebe9; border-color: #ffcecb; }
            .chip.sev-error { color: #a40e26; background: #ffebe9; border-color: #ffcecb; }
            .chip.sev-warning { color: #7d4e00; background: #fff8c5; border-color: #eed888; }
            .chip.sev-info { color: #0a3069; background: #ddf4ff; border-color: #b6e3ff; }
            figure { margin: 0 0 22px; }
            figure:last-child { margin-bottom: 0; }
            figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
            .fig-title { font-weight: 650; color: var(--text); }
            svg.plot { width: 100%; height: auto; display: block; font-family: var(--sans); }
            svg.plot-heatmap { width: auto; max-width: 100%; }
            svg .grid { stroke: #e4e8ec; stroke-width: 1; }
            svg .axis { stroke: #57606a; stroke-width: 1.2; }
            svg .guide { stroke: #8c959f; stroke-width: 1; stroke-dasharray: 4 4; }
            svg .angle-line { stroke: #1f6feb; stroke-opacity: .45; stroke-width: 1.5; fill: none; }
            svg .axis-break { stroke: #57606a; stroke-width: 1.2; fill: none; }
            svg .tick { font-size: 12px; fill: #59636e; }
            svg .tick-special { font-style: italic; }
            svg .axis-title, svg .legend-text { font-size: 13px; fill: #1f2328; }
            svg .zone-pass { fill: #eef8f0; }
            svg .zone-approximate { fill: #fff7e0; }
            svg .zone-broken { fill: #fdecec; }
            svg .thr { stroke-width: 1.5; stroke-dasharray: 6 4; }
            svg .thr-pass { stroke: #1a7f37; }
            svg .thr-broken { stroke: #c62828; }
            svg .thr-label { font-size: 12px; font-weight: 600; }
            svg .thr-label-pass { fill: #1a7f37; }
            svg .thr-label-broken { fill: #c62828; }
            svg .bar { stroke: rgba(0,0,0,.25); stroke-width: .8; }
            svg .lvl-exact { fill: #2e7d32; }
            svg .lvl-excellent { fill: #66a86e; }
            svg .lvl-approximate { fill: #d4a017; }
            svg .lvl-broken { fill: #c62828; }
            svg .pt-random { fill: #1f6feb; fill-opacity: .72; stroke: #fff; stroke-width: 1; }
            svg .pt-edge { fill: #8250df; stroke: #fff; stroke-width: 1; }
            svg .pt-nan { stroke: #c62828; stroke-width: 2.2; fill: none; }
            svg .pt-ce { fill: none; stroke: #1f2328; stroke-width: 2; }
            svg .pt-local { fill: #1f2328; stroke: #fff; stroke-width: 1; }
            svg .row-breaking { fill: #ffebe9; stroke: #ffcecb; }
            svg .layer-label { font-size: 12.5px; fill: #1f2328; font-family: var(--mono); }
            svg .layer-label-breaking { font-weight: 700; fill: #a40e26; }
            svg .breaking-label { font-size: 12.5px; font-weight: 700; fill: #a40e26; }
            svg .heat-frame { fill: none; stroke: #57606a; stroke-width: 1; }
            .callout { border-left: 6px solid var(--fail); }
            .callout.callout-info { border-left-color: var(--pass); }
            .replay { display: block; padding: 8px 12px; margin-top: 4px; }
            .recommendations { margin: 8px 0 0; padding-left: 20px; }
            .recommendations li { margin-bottom: 4px; }
            .muted { color: var(--muted); }
            details > summary { cursor: pointer; font-weight: 650; }
            .card details { margin-top: 12px; }
            #audits th, #audits td { padding: 7px 8px; }
            #audits td:nth-child(3) { overflow-wrap: anywhere; }
            pre.text-report { background: var(--soft); border: 1px solid var(--line); border-radius: 8px;
                              padding: 14px; overflow-x: auto; line-height: 1.4; white-space: pre; }
            .empty { color: var(--muted); font-style: italic; margin: 0; }
            footer { color: var(--muted); font-size: 12px; padding: 8px 0 32px; }
            .counts { display: flex; gap: 10px; flex-wrap: wrap; margin: 10px 0 0; }
            @media (max-width: 760px) { .kpis { grid-template-columns: repeat(2, 1fr); }
                                        .header-row { flex-direction: column; } }
            @media print { body { background: #fff; } .card { break-inside: avoid; } }
            """;
}
