/*
 * svgmap.c - what every HTML page of src/report draws its maps and numbers with: HTML escapes,
 * numbers for people (thin-space thousands separators), the resource palette, the projection of
 * a region's locations to the page (planar km, or equirectangular about the mean latitude), the
 * frame that fits a set of points, the core that a detail map shows, and the SVG pieces
 * (background, links, facilities, hubs built and not, junctions, labels placed so that none
 * collides with another or with a symbol, scale bar, arrow markers). html.c
 * (the report of one solution) and compare_html.c (two networks on one map) each decide what
 * to draw; neither keeps a copy of the drawing. Stage: [report]; depends on src/core and the
 * instance's snp_point only.
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

static const char *const PALETTE[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                                      "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};
#define N_PALETTE (sizeof PALETTE / sizeof PALETTE[0])

void snp_html_esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

void snp_html_amount(FILE *f, double v, int decimals, int sign)
{
    if (!isfinite(v)) {
        fputs("&ndash;", f);
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, fabs(v));
    int nonzero = fabs(v) >= 0.5 * pow(10, -decimals);
    if (nonzero && v < 0)
        fputs("&minus;", f);
    else if (nonzero && sign)
        fputs("+", f);
    const char *dot = strchr(buf, '.');
    size_t int_len = dot ? (size_t)(dot - buf) : strlen(buf);
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            fputs("&#8201;", f);
        fputc(buf[i], f);
    }
    if (dot)
        fputs(dot, f);
}

static const char CSS[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "color:#1d2330;margin:0 auto;max-width:960px;padding:24px;line-height:1.4}\n"
    "h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;border-bottom:2px solid #dde;"
    "padding-bottom:3px;margin-top:28px}\n"
    ".cards{display:grid;grid-template-columns:repeat(4,1fr);gap:10px}\n"
    ".card{border:1px solid #d6dbe6;border-radius:6px;padding:8px 10px;background:#f7f9fb}\n"
    ".card .label{font-size:.8em;color:#556;text-transform:uppercase;letter-spacing:.04em}\n"
    ".card .value{font-size:1.25em;font-weight:600}.card .sub{font-size:.8em;color:#556}\n"
    "table{border-collapse:collapse;width:100%;margin:8px 0;font-size:.9em}\n"
    "th,td{border-bottom:1px solid #e3e6ee;padding:3px 6px;text-align:left}\n"
    "table.num td+td{text-align:right;white-space:nowrap}th{background:#eef1f6}\n"
    "tr.worse td{background:#fde4dc}tr.total td{font-weight:600}\n"
    ".swatch{display:inline-block;width:10px;height:10px;margin-right:5px}\n"
    "h3{font-size:1em;margin:14px 0 4px}svg{width:100%;height:auto;font-size:12px}svg "
    ".label{font-size:12px;"
    "paint-order:stroke;stroke:#fff;stroke-width:3px}svg .faint{fill:#888}\n"
    ".note{font-size:.85em;color:#445}.facts li{margin:2px 0}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}"
    "section,svg,table,tr,.card{break-inside:avoid;page-break-inside:avoid}"
    "h2{break-after:avoid;page-break-after:avoid}"
    ".card,th,tr.worse td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "@page{size:A4;margin:14mm}\n";

const char *snp_html_css(void)
{
    return CSS;
}

const char *snp_map_color(int resource)
{
    return PALETTE[(size_t)resource % N_PALETTE];
}

int snp_map_marker(int resource)
{
    return (int)((size_t)resource % N_PALETTE);
}

/* ---- projection and frame ------------------------------------------------------------------ */

void snp_map_project(const snp_map_frame *fr, snp_point p, double *x_km, double *y_km)
{
    if (fr->lonlat) {
        double k = 6371.0088 * PI / 180.0;
        *x_km = p.x * k * cos(fr->lat0 * PI / 180.0);
        *y_km = p.y * k;
    } else {
        *x_km = p.x;
        *y_km = p.y;
    }
}

void snp_map_to_px(const snp_map_frame *fr, snp_point p, double *px, double *py)
{
    double x, y;
    snp_map_project(fr, p, &x, &y);
    *px = fr->x0 + (x - fr->min_x) * fr->scale;
    *py = fr->y0 + (fr->max_y - y) * fr->scale;
}

void snp_map_frame_make(snp_map_frame *fr, int lonlat, const snp_point *pts, int n)
{
    memset(fr, 0, sizeof *fr);
    fr->lonlat = lonlat;
    double lat = 0;
    for (int v = 0; v < n; v++)
        lat += pts[v].y;
    fr->lat0 = n ? lat / n : 0;
    fr->min_x = fr->min_y = INFINITY;
    fr->max_x = fr->max_y = -INFINITY;
    for (int v = 0; v < n; v++) {
        double x, y;
        snp_map_project(fr, pts[v], &x, &y);
        fr->min_x = fmin(fr->min_x, x);
        fr->max_x = fmax(fr->max_x, x);
        fr->min_y = fmin(fr->min_y, y);
        fr->max_y = fmax(fr->max_y, y);
    }
    if (!n)
        fr->min_x = fr->min_y = fr->max_x = fr->max_y = 0;
    double w = fr->max_x - fr->min_x, h = fr->max_y - fr->min_y;
    double span = fmax(fmax(w, h), 1e-3);
    double sx = (SNP_MAP_W - 2 * SNP_MAP_PAD) / fmax(w, span * 1e-3);
    double sy = (SNP_MAP_H - 2 * SNP_MAP_PAD) / fmax(h, span * 1e-3);
    fr->scale = fmin(sx, sy);
    fr->x0 = (SNP_MAP_W - w * fr->scale) / 2;
    fr->y0 = (SNP_MAP_H - h * fr->scale) / 2;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

sn_status snp_map_core(int lonlat, const snp_point *pts, int n, char *core, int *has_core)
{
    *has_core = 0;
    memset(core, 0, (size_t)n);
    if (n < 4)
        return SN_OK;
    double *xs = snp_calloc((size_t)n, sizeof(double));
    double *ys = snp_calloc((size_t)n, sizeof(double));
    double *tmp = snp_calloc((size_t)n, sizeof(double));
    if (!xs || !ys || !tmp) {
        snp_free(xs);
        snp_free(ys);
        snp_free(tmp);
        return SN_ENOMEM;
    }
    snp_map_frame fr;
    snp_map_frame_make(&fr, lonlat, pts, n);
    for (int i = 0; i < n; i++)
        snp_map_project(&fr, pts[i], &xs[i], &ys[i]);
    for (int i = 0; i < n; i++)
        tmp[i] = xs[i];
    qsort(tmp, (size_t)n, sizeof *tmp, cmp_double);
    double mx = tmp[n / 2];
    for (int i = 0; i < n; i++)
        tmp[i] = ys[i];
    qsort(tmp, (size_t)n, sizeof *tmp, cmp_double);
    double my = tmp[n / 2];
    for (int i = 0; i < n; i++)
        tmp[i] = hypot(xs[i] - mx, ys[i] - my);
    qsort(tmp, (size_t)n, sizeof *tmp, cmp_double);
    double radius = 3 * tmp[n / 2];
    int in_core = 0;
    double lo_x = INFINITY, hi_x = -INFINITY, lo_y = INFINITY, hi_y = -INFINITY;
    for (int i = 0; i < n; i++) {
        if (hypot(xs[i] - mx, ys[i] - my) <= radius) {
            core[i] = 1;
            in_core++;
            lo_x = fmin(lo_x, xs[i]);
            hi_x = fmax(hi_x, xs[i]);
            lo_y = fmin(lo_y, ys[i]);
            hi_y = fmax(hi_y, ys[i]);
        }
    }
    double whole = fmax(fr.max_x - fr.min_x, fr.max_y - fr.min_y);
    double part = fmax(hi_x - lo_x, hi_y - lo_y);
    *has_core = in_core >= 3 && in_core < n && part < 0.25 * whole;
    snp_free(xs);
    snp_free(ys);
    snp_free(tmp);
    return SN_OK;
}

/* ---- SVG pieces ------------------------------------------------------------------------------ */

void snp_map_begin(FILE *f, const char *id, const char *aria, double height)
{
    fprintf(f,
            "<svg id=\"%s\" class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
            "%.0f %.0f\" role=\"img\" aria-label=\"%s\">\n",
            id, SNP_MAP_W, height, aria);
    fprintf(f,
            "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#f7f9fb\" "
            "stroke=\"#ccd\"/>\n",
            SNP_MAP_W, SNP_MAP_H);
}

void snp_map_line_open(FILE *f, const snp_map_frame *fr, snp_point a, snp_point b, const char *cls,
                       const char *stroke, const char *width, const char *dash, int marker)
{
    double x1, y1, x2, y2;
    snp_map_to_px(fr, a, &x1, &y1);
    snp_map_to_px(fr, b, &x2, &y2);
    fprintf(f,
            "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"%s\" stroke-width=\"%s\"",
            cls, x1, y1, x2, y2, stroke, width);
    if (dash)
        fprintf(f, " stroke-dasharray=\"%s\"", dash);
    if (marker >= 0)
        fprintf(f, " marker-end=\"url(#arrow%d)\"", marker);
    fputs("><title>", f);
}

/* A symbol's tooltip: its id, so that a place whose label had no room is still named. */
static void symbol_title(FILE *f, const char *title)
{
    if (!title) {
        fputs("/>\n", f);
        return;
    }
    fputs("><title>", f);
    snp_html_esc(f, title);
    fputs("</title>", f);
}

void snp_map_facility(FILE *f, double x, double y, const char *fill, const char *title)
{
    fprintf(f,
            "<circle class=\"facility\" cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\" "
            "stroke=\"#222\"",
            x, y, fill);
    symbol_title(f, title);
    if (title)
        fputs("</circle>\n", f);
}

void snp_map_hub(FILE *f, double x, double y, const char *fill, int faint, const char *title)
{
    if (faint)
        fprintf(f,
                "<rect class=\"hub unbuilt\" x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" "
                "fill=\"#fff\" fill-opacity=\"0.6\" stroke=\"#999\" stroke-dasharray=\"3 2\"",
                x - 7, y - 7);
    else
        fprintf(f,
                "<rect class=\"hub\" x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" "
                "fill=\"%s\" stroke=\"#222\"",
                x - 7, y - 7, fill);
    symbol_title(f, title);
    if (title)
        fputs("</rect>\n", f);
}

void snp_map_junction(FILE *f, double x, double y)
{
    fprintf(f, "<circle class=\"junction\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#555\"/>\n", x,
            y);
}

/* ---- labels --------------------------------------------------------------------------------
 * Greedy placement in the marks' order, deterministic: each label tries 8 positions around its
 * symbol (right, upper right, lower right, left, upper left, lower left, above, below) at a gap
 * of 3 px, then the same 8 at 16 and 30 px with a leader line back to the symbol, and takes
 * the first whose box (snp_map_label_box) stays on the map, off the scale bar, off every symbol
 * and off every label placed before it. A label with no such position is left out; its symbol
 * keeps its id as a tooltip and the caller names it under the map. O(n^2) in the marks. */

typedef struct box {
    double x0, y0, x1, y1;
} box;

static int boxes_meet(box a, box b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* Characters of UTF-8 text (bytes that do not continue a sequence). */
static int text_chars(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

void snp_map_label_box(int chars, double ax, double yb, int anchor, double *x0, double *y0,
                       double *x1, double *y1)
{
    double w = SNP_MAP_LABEL_CHAR_W * chars + 2 * SNP_MAP_LABEL_HALO;
    *x0 = anchor < 0   ? ax - SNP_MAP_LABEL_HALO
          : anchor > 0 ? ax + SNP_MAP_LABEL_HALO - w
                       : ax - w / 2;
    *x1 = *x0 + w;
    *y0 = yb - SNP_MAP_LABEL_ASCENT - SNP_MAP_LABEL_HALO;
    *y1 = yb + SNP_MAP_LABEL_DESCENT + SNP_MAP_LABEL_HALO;
}

static box symbol_box(const snp_map_mark *m)
{
    return (box){m->x - m->r, m->y - m->r, m->x + m->r, m->y + m->r};
}

/* The label box of position k (0..23) of mark m, w x h px; its text anchor (-1 start, 0 middle,
 * 1 end) and baseline in *anchor, *ax, *yb. */
static box candidate(const snp_map_mark *m, int k, double w, double h, int *anchor, double *ax,
                     double *yb)
{
    static const int DX[8] = {1, 1, 1, -1, -1, -1, 0, 0};
    static const int DY[8] = {0, -1, 1, 0, -1, 1, -1, 1};
    static const double GAP[3] = {3, 16, 30};
    int d = k % 8;
    double g = GAP[k / 8], r = m->r, diag = DX[d] != 0 && DY[d] != 0 ? 0.7 : 1.0;
    box b;
    if (DX[d] > 0)
        b.x0 = m->x + diag * r + g;
    else if (DX[d] < 0)
        b.x0 = m->x - diag * r - g - w;
    else
        b.x0 = m->x - w / 2;
    if (DY[d] < 0)
        b.y0 = m->y - diag * r - g - h;
    else if (DY[d] > 0)
        b.y0 = m->y + diag * r + g;
    else
        b.y0 = m->y - h / 2;
    b.x1 = b.x0 + w;
    b.y1 = b.y0 + h;
    *anchor = DX[d] > 0 ? -1 : DX[d] < 0 ? 1 : 0;
    *ax = *anchor < 0   ? b.x0 + SNP_MAP_LABEL_HALO
          : *anchor > 0 ? b.x1 - SNP_MAP_LABEL_HALO
                        : (b.x0 + b.x1) / 2;
    *yb = b.y0 + SNP_MAP_LABEL_HALO + SNP_MAP_LABEL_ASCENT;
    return b;
}

sn_status snp_map_labels(FILE *f, const snp_map_mark *marks, int n, char *placed)
{
    box *taken = snp_calloc((size_t)n + 1, sizeof *taken);
    if (!taken)
        return SN_ENOMEM;
    int nt = 0;
    /* the scale bar and its text (snp_map_scale_bar), bottom left */
    const box scale = {15, SNP_MAP_H - 34, 170, SNP_MAP_H - 6};
    for (int i = 0; i < n; i++) {
        placed[i] = 0;
        const snp_map_mark *m = &marks[i];
        if (!m->text || !m->text[0])
            continue;
        double x0, y0, x1, y1;
        snp_map_label_box(text_chars(m->text), 0, 0, -1, &x0, &y0, &x1, &y1);
        double w = x1 - x0, h = y1 - y0;
        for (int k = 0; k < 24 && !placed[i]; k++) {
            int anchor;
            double ax, yb;
            box b = candidate(m, k, w, h, &anchor, &ax, &yb);
            int ok = b.x0 >= 1 && b.y0 >= 1 && b.x1 <= SNP_MAP_W - 1 && b.y1 <= SNP_MAP_H - 1 &&
                     !boxes_meet(b, scale);
            for (int j = 0; ok && j < n; j++)
                ok = !boxes_meet(b, symbol_box(&marks[j]));
            for (int j = 0; ok && j < nt; j++)
                ok = !boxes_meet(b, taken[j]);
            if (!ok)
                continue;
            taken[nt++] = b;
            placed[i] = 1;
            if (k >= 8) { /* a leader from the symbol's edge to the nearest point of the box */
                double px = fmin(fmax(m->x, b.x0), b.x1), py = fmin(fmax(m->y, b.y0), b.y1);
                double len = hypot(px - m->x, py - m->y);
                fprintf(f,
                        "<line class=\"leader\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                        "y2=\"%.1f\" stroke=\"#888\" stroke-width=\"0.8\"/>\n",
                        m->x + (px - m->x) * m->r / len, m->y + (py - m->y) * m->r / len, px, py);
            }
            fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"label%s\"%s>", ax, yb,
                    m->faint ? " faint" : "",
                    anchor == 0  ? " text-anchor=\"middle\""
                    : anchor > 0 ? " text-anchor=\"end\""
                                 : "");
            snp_html_esc(f, m->text);
            fputs("</text>\n", f);
        }
    }
    snp_free(taken);
    return SN_OK;
}

void snp_map_unlabelled_note(FILE *f, const snp_map_mark *marks, int n, const char *placed)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!marks[i].text || !marks[i].text[0] || placed[i])
            continue;
        fputs(k++ ? ", " : "<p class=\"note\">No room on the map for the names of ", f);
        snp_html_esc(f, marks[i].text);
    }
    if (k)
        fputs(" (hover over a symbol to see its name).</p>\n", f);
}

/* A round length (1, 2 or 5 times a power of ten) near a fifth of the map's width. */
static double nice_km(double km)
{
    double p = pow(10, floor(log10(km)));
    double m = km / p;
    return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

void snp_map_scale_bar(FILE *f, const snp_map_frame *fr)
{
    double span_km = (SNP_MAP_W - 2 * SNP_MAP_PAD) / fr->scale;
    double bar_km = nice_km(span_km / 5), bar_px = bar_km * fr->scale;
    fprintf(f,
            "<g class=\"scale\"><line x1=\"20\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" "
            "stroke=\"#000\" stroke-width=\"3\"/><text x=\"20\" y=\"%.0f\">%.6g km</text></g>\n",
            SNP_MAP_H - 14, 20 + bar_px, SNP_MAP_H - 14, SNP_MAP_H - 20, bar_km);
}

void snp_map_markers(FILE *f)
{
    fputs("<defs>", f);
    for (size_t c = 0; c < N_PALETTE; c++)
        fprintf(f,
                "<marker id=\"arrow%zu\" viewBox=\"0 0 10 10\" refX=\"16\" refY=\"5\" "
                "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 "
                "z\" fill=\"%s\"/></marker>",
                c, PALETTE[c]);
    fputs("</defs>\n", f);
}

void snp_map_note(FILE *f, const snp_map_frame *fr)
{
    fprintf(f,
            "<p class=\"note\">Drawn to scale (%s); links are straight lines between their "
            "ends.</p>\n",
            fr->lonlat ? "equirectangular projection about the region's mean latitude"
                       : "planar km coordinates");
}
