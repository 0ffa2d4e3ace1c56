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

/* Writes s as a JSON string literal with escapes. */
void snp_json_string(FILE *f, const char *s);
void snp_json_number(FILE *f, double v);

/* ---- HTML pages and their SVG maps (svgmap.c): shared by html.c and compare_html.c -------- */

/* Writes s HTML-escaped (& < > " '). */
void snp_html_esc(FILE *f, const char *s);
/* v with `decimals` digits and thin-space thousands separators, "&minus;" for a negative value
 * and, when sign is set, "+" for a positive one; "&ndash;" when v is not finite. */
void snp_html_amount(FILE *f, double v, int decimals, int sign);

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
void snp_map_facility(FILE *f, double x, double y, const char *fill);
void snp_map_hub(FILE *f, double x, double y, const char *fill);
void snp_map_junction(FILE *f, double x, double y);
void snp_map_label(FILE *f, double x, double y, const char *text);
void snp_map_scale_bar(FILE *f, const snp_map_frame *fr);
/* The arrow heads, one per palette colour (url(#arrowN)), as a <defs> element. */
void snp_map_markers(FILE *f);
/* The note under a map: how it is projected. */
void snp_map_note(FILE *f, const snp_map_frame *fr);
/* One CSV cell (RFC 4180 quoting; an empty cell for a number that is not finite), followed by
 * ',' or, when last, a newline. */
void snp_csv_text(FILE *f, const char *s, int last);
void snp_csv_number(FILE *f, double v, int last);

/* A number for people (fmt.c): v rounded to `decimals` (0-20) digits with "," between
 * thousands, "1,234,567.9"; "-" when not finite; a minus only when the rounded figure is not
 * zero; sign: "+" before a positive one. buf should hold 48 bytes (400 for any double). */
const char *snp_fmt_grouped(char *buf, size_t size, double v, int decimals, int sign);

/* Money for people: snp_fmt_grouped with two decimals, "1,234,567.89". */
const char *snp_fmt_money(char *buf, size_t size, double v, int sign);

#endif /* SN_SRC_REPORT_REPORT_INT_H */
