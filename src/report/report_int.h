/*
 * report_int.h - what the writers of src/report share. Every report is a writer of a result
 * (src/result/result_int.h): it never reads model columns or solution values (`make test`
 * greps this folder to keep it so). Stage: sn_result -> [report].
 */
#ifndef SN_SRC_REPORT_REPORT_INT_H
#define SN_SRC_REPORT_REPORT_INT_H

#include "../result/compare.h"
#include "../result/result_int.h"

#include <stdio.h>

/* The "fairness" and "partners" members of the solution JSON, each line ending with ",". */
void snp_partners_write_json(FILE *f, const sn_result *r);
/* The partner table of the text summary. */
sn_status snp_partners_write_summary(FILE *f, const sn_result *r);

/* ---- headline figures, money and jobs (figures.c) ---------------------------------------- */

/* One figure of the reports: `key` is its JSON path ("money.npv"), `item` a unit, partner or
 * element id ("" when none), `rate` the discount rate it is at (NAN when none), `value` NAN
 * when it does not exist (written as null, an empty CSV field, or words in the HTML), `unit`
 * what it is counted in ("currency" for the region's currency, "unit/yr" for item's unit). */
typedef struct snp_figure_row {
    const char *key;
    const char *item;
    double rate;
    double value;
    const char *unit;
} snp_figure_row;
typedef void (*snp_figure_fn)(void *ctx, const snp_figure_row *row);

/* Calls fn for every figure of r, in the order of figures.csv. */
void snp_figure_rows(const sn_result *r, snp_figure_fn fn, void *ctx);
/* JSON names of the headline figures (snp_figure_kind order). */
extern const char *const snp_figure_keys[SNP_FIG_COUNT];
/* Facility i's annual savings in the network: its business as usual less its cost; NAN
 * without a network or business as usual. */
double snp_partner_savings(const sn_result *r, int i);
/* The members "headline", "money" and "jobs" of the solution JSON, each line ending ",". */
void snp_figures_write_json(FILE *f, const sn_result *r);
/* The row's unit for people: "currency" and "unit" spelled out ("EUR/yr", "m3/yr"). */
void snp_figure_unit(char *buf, size_t size, const sn_instance *in, const snp_figure_row *row);
/* figures.csv: figure,item,rate,value,unit. */
void snp_figures_write_csv(FILE *f, const sn_result *r);

/* Routes over the ways (ways.c, issue 18): a link's ", \"route\": [...]" (nothing when it is
 * not routed) and the solution's "trenches" member, ending with "," (nothing without ways). */
void snp_ways_write_route(FILE *f, const sn_instance *in, const snp_link *l);
void snp_ways_write_json(FILE *f, const sn_result *r);
/* Calls fn for each point of link l's path on a map: its tail, the points of its route's
 * trenches in order (without repeats), its head (just the two ends without a route). Returns
 * the number of points. */
typedef void (*snp_ways_point_fn)(void *ctx, snp_point p, int index);
int snp_ways_route_points(const sn_instance *in, const snp_link *l, snp_ways_point_fn fn,
                          void *ctx);
/* GeoJSON: a link's coordinates along its route; the features of the trenches dug (kind
 * "trench", each once) and of the zones (kind "zone", Polygon), each preceded by ",\n" unless
 * *first. */
void snp_ways_geojson_line(FILE *f, const sn_instance *in, const snp_link *l);
void snp_ways_geojson_features(FILE *f, const sn_result *r, int *first);
/* CSV: a link's route as the last field of its row (trench ids separated by spaces, empty
 * without a route), and the table trenches.csv (each trench a built link uses, once). */
void snp_ways_csv_route(FILE *f, const sn_instance *in, const snp_link *l);
void snp_ways_csv_trenches(FILE *f, const sn_result *r);
/* A zone's exposure to the network (issue 18): the built truck links whose route enters it,
 * their trips a year (NAN when a resource has no truck_capacity), truck-km a year inside it
 * (the local-pollutant proxy) and the CO2 of those km, and the km of trench dug inside it. */
typedef struct snp_zone_exposure {
    int links;
    double trips_per_yr, truck_km_per_yr, co2_t_per_yr, trench_km;
    /* hauls to disposal sites entering it (docs/outputs.md "zones"): before = business as
     * usual (every supply with a disposal_site disposed of), after = what the network still
     * disposes; whole trips of truck_capacity a year, truck-km inside it, t CO2 of those km */
    double haul_trips_before, haul_km_before, haul_co2_before;
    double haul_trips_after, haul_km_after, haul_co2_after;
} snp_zone_exposure;
void snp_ways_zone_exposure(const sn_result *r, int z, snp_zone_exposure *e);
/* The text summary's lines on the ways: trenches dug (count, km, capital) and each zone's
 * exposure; nothing without ways. */
void snp_ways_write_summary(FILE *f, const sn_result *r);
/* The solution's "zones" member (ending with ","), nothing without zones. */
void snp_ways_write_zones_json(FILE *f, const sn_result *r);
/* The HTML report's table of the zones' exposure before and after the network (docs/outputs.md
 * "zones"), nothing without zones. */
void snp_ways_write_zones_html(FILE *f, const sn_result *r);

/* Writes s as a JSON string literal with escapes. */
/* The per-period fields of the JSON solution (periods.c, docs/outputs.md "Periods"), each
 * written as ", \"key\": ..." after an object's other fields; nothing for annual flows. */
void snp_periods_write_json_top(FILE *f, const sn_result *r);         /* "periods": [...], line */
void snp_periods_write_json_link(FILE *f, const sn_result *r, int i); /* built link i */
void snp_periods_write_json_hub(FILE *f, const sn_result *r, int h);
void snp_periods_write_json_processed(FILE *f, const sn_result *r, int h, int i);
void snp_periods_write_json_produced(FILE *f, const sn_result *r, int h, int o);
void snp_periods_write_json_supply(FILE *f, const sn_result *r, int fi, int k);
void snp_periods_write_json_demand(FILE *f, const sn_result *r, int fi, int k);
/* periods.csv (docs/outputs.md "CSV tables"): a header, then one row per period of every
 * built periodic link and hub, periodic supply and demand. */
void snp_periods_write_csv(FILE *f, const sn_result *r);
/* The HTML report's "Through the year" section: load factors of every built periodic link and
 * hub, and a chart per built periodic energy link (supply, demand and flow per hour of each
 * period); nothing for an annual region. */
void snp_periods_write_html(FILE *f, const sn_result *r);

void snp_json_string(FILE *f, const char *s);
void snp_json_number(FILE *f, double v);

/* ---- HTML pages and their SVG maps (svgmap.c): shared by html.c and compare_html.c -------- */

/* Writes s HTML-escaped (& < > " '). */
void snp_html_esc(FILE *f, const char *s);
/* v with `decimals` digits and thin-space thousands separators, "&minus;" for a negative value
 * and, when sign is set, "+" for a positive one; "&ndash;" when v is not finite. */
void snp_html_amount(FILE *f, double v, int decimals, int sign);

/* The allocation of the main HTML report (partner_page.c): under --allocation shapley each
 * partner's gains and the core verdict, and the transfer prices whenever one is not zero. */
void snp_html_write_allocation(FILE *f, const sn_result *r);

/* The style sheet of every page (screen and A4 print). */
const char *snp_html_css(void);

#define SNP_MAP_W 760.0
#define SNP_MAP_H 480.0
#define SNP_MAP_PAD 40.0

/* The colour of resource index r (a palette of ten, repeated) and its arrow marker's index. */
const char *snp_map_color(int resource);
int snp_map_marker(int resource);

/* How locations (lon/lat degrees, or planar km) land on a SNP_MAP_W x SNP_MAP_H map. */
typedef struct snp_map_frame {
    double x0, y0, scale; /* km of the projected plane -> px */
    double lat0;          /* lonlat: reference latitude of the projection */
    int lonlat;
    double min_x, max_x, min_y, max_y; /* km */
} snp_map_frame;

/* The frame that fits the n points (equirectangular about their mean latitude when lonlat). */
void snp_map_frame_make(snp_map_frame *fr, int lonlat, const snp_point *pts, int n);
void snp_map_project(const snp_map_frame *fr, snp_point p, double *x_km, double *y_km);
void snp_map_to_px(const snp_map_frame *fr, snp_point p, double *px, double *py);
/* Ways on the HTML map (ways.c, issue 18): zones shaded and trenches dug drawn once, under the
 * links; a routed link opened as a <polyline> along its route (1; close it with
 * "</title></polyline>"), 0 for a link without a route (draw a <line>). */
void snp_ways_svg_under(FILE *f, const snp_map_frame *fr, const sn_instance *in,
                        const snp_figures *g);
int snp_ways_svg_link_open(FILE *f, const snp_map_frame *fr, const sn_instance *in,
                           const snp_link *l, const char *cls, const char *stroke,
                           const char *width, const char *dash, int marker);

/* The dense core of n points, when a few distant ones squeeze the rest into a corner: core[i]
 * (n bytes) marks the points within 3 median distances of the median position, and *has_core
 * is 1 when they are at least 3, not all, and span under a quarter of the whole. SN_ENOMEM. */
sn_status snp_map_core(int lonlat, const snp_point *pts, int n, char *core, int *has_core);

/* The <svg> element (height px tall, with room for a legend below the map) and its background.
 * The caller closes it with "</svg>\n". */
void snp_map_begin(FILE *f, const char *id, const char *aria, double height);
/* A link from a to b up to its "<title>": the caller writes the title text (escaped) and
 * "</title></line>\n". dash may be NULL; marker < 0 draws no arrow head. */
void snp_map_line_open(FILE *f, const snp_map_frame *fr, snp_point a, snp_point b, const char *cls,
                       const char *stroke, const char *width, const char *dash, int marker);
/* Symbols; title (NULL: none) is the tooltip. A faint hub is a candidate not built: dashed
 * grey outline, no fill colour. */
void snp_map_facility(FILE *f, double x, double y, const char *fill, const char *title);
void snp_map_hub(FILE *f, double x, double y, const char *fill, int faint, const char *title);
void snp_map_junction(FILE *f, double x, double y);

/* Half the size of each symbol, stroke included, px: what a label keeps clear of. */
#define SNP_MAP_FACILITY_R 8.0
#define SNP_MAP_HUB_R 8.0
#define SNP_MAP_JUNCTION_R 4.0

/* A symbol on a map and the label it should get (text NULL: none, e.g. a junction). */
typedef struct snp_map_mark {
    double x, y, r; /* centre and half size, px */
    const char *text;
    int faint; /* the label drawn faintly, as its symbol (a hub not built) */
} snp_map_mark;

/* How much room a label takes (the CSS of snp_html_css: 12 px text with a 3 px white halo):
 * SNP_MAP_LABEL_CHAR_W px per character, ASCENT above and DESCENT below the baseline, HALO
 * around. Tests measure the SVG with the same figures. */
#define SNP_MAP_LABEL_CHAR_W 7.0
#define SNP_MAP_LABEL_ASCENT 10.0
#define SNP_MAP_LABEL_DESCENT 3.0
#define SNP_MAP_LABEL_HALO 1.5
/* The box of a label of `chars` characters whose text anchor is at (ax, yb): anchor -1 start,
 * 0 middle, 1 end (SVG text-anchor). */
void snp_map_label_box(int chars, double ax, double yb, int anchor, double *x0, double *y0,
                       double *x1, double *y1);
/* Writes the labels of the n marks where none overlaps another label, any mark's symbol, the
 * scale bar or the map's edge (the rule is in svgmap.c), with a leader line when it sits away
 * from its symbol; placed[i] (n bytes) is 1 for a label written, 0 for one left out for lack of
 * room. Call after the symbols, so that labels are drawn over links. SN_ENOMEM. */
sn_status snp_map_labels(FILE *f, const snp_map_mark *marks, int n, char *placed);
/* The note under a map that names the labels left out, if any. */
void snp_map_unlabelled_note(FILE *f, const snp_map_mark *marks, int n, const char *placed);
void snp_map_scale_bar(FILE *f, const snp_map_frame *fr);
/* The arrow heads, one per palette colour (url(#arrowN)), as a <defs> element. */
void snp_map_markers(FILE *f);
/* The note under a map: how it is projected. */
void snp_map_note(FILE *f, const snp_map_frame *fr);
/* One CSV cell (RFC 4180 quoting; an empty cell for a number that is not finite), followed by
 * ',' or, when last, a newline. */
void snp_csv_text(FILE *f, const char *s, int last);
void snp_csv_number(FILE *f, double v, int last);

/* ---- numbers (fmt.c). For people: thousands grouped, no exponent; buf should hold 48 bytes. */

/* Money: "1,234,567.89", "-" when not finite; sign: "+" before a positive amount. */
const char *snp_fmt_money(char *buf, size_t size, double v, int sign);
/* v with `decimals` digits: "-1,200.50", "+300" (sign set), "n/a" when not finite. */
const char *snp_fmt_number(char *buf, size_t size, double v, int decimals, int sign);
/* An amount (a flow, capacity, emission, count): whole when it is whole ("2,124,350"), else two
 * decimals ("30,095.70"), below 1 three significant digits ("0.0123"); "n/a" when not finite. */
const char *snp_fmt_amount(char *buf, size_t size, double v);
/* For programs (CSV): the fewest digits that read back to v, in plain notation ("2500000",
 * "0.000125") for 1e-15 <= |v| < 1e21, with an exponent outside; "null" when not finite. */
const char *snp_fmt_plain(char *buf, size_t size, double v);

#endif /* SN_SRC_REPORT_REPORT_INT_H */
