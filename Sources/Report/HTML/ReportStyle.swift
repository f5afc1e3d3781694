// The report's one stylesheet, inlined in the page: system fonts only (nothing is fetched),
// charts scaled to the page's width, and readable tables.

/// The report's CSS.
enum ReportStyle {
    static let css = """
        :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1200px; padding: 24px; color: var(--ink); background: #fff;
               font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        code, pre { font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
        .subtitle, .note { color: var(--muted); margin: 4px 0 10px; }
        .banner { padding: 8px 12px; border-radius: 6px; border: 1px solid; margin: 8px 0; }
        .banner.pass { color: var(--pass); background: #dafbe1; } .banner.fail { color: var(--fail); background: #ffebe9; }
        .banner.warn { color: var(--warn); background: #fff8c5; }
        .figures { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0 0; }
        .figures div { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 110px; }
        .figures dt { color: var(--muted); font-size: 12px; } .figures dd { margin: 0; font-size: 18px; font-variant-numeric: tabular-nums; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
        figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
        figure.chart h3 { margin: 0 0 4px; }
        svg.chart { display: block; width: 100%; height: auto; font-size: 13px; fill: var(--ink); }
        svg.chart line { stroke: #8c959f; } svg.chart line.grid { stroke: #eaeef2; }
        svg.chart text.title { font-size: 14px; fill: var(--muted); } svg.chart text.notice { font-size: 20px; fill: var(--muted); }
        svg.chart text.value { font-size: 13px; }
        .legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; }
        .swatch { display: inline-block; width: 18px; height: 0; margin-right: 5px; vertical-align: middle; }
        table { border-collapse: collapse; margin: 6px 0; font-variant-numeric: tabular-nums; }
        th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th { background: #f6f8fa; } tfoot td { border-top: 2px solid var(--line); font-weight: 600; }
        .num { text-align: right; white-space: nowrap; }
        table.settings th { font-weight: normal; color: var(--muted); white-space: nowrap; }
        .columns { display: flex; flex-wrap: wrap; gap: 0 40px; }
        .badge { padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; }
        .badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
        pre.sample { margin: 0; max-width: 560px; max-height: 8em; overflow: auto; white-space: pre-wrap; word-break: break-all; }
        .empty { color: var(--muted); font-style: italic; }
        details { margin: 10px 0; } summary { cursor: pointer; color: var(--muted); }
        footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
        """
}
