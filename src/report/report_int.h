/*
 * report_int.h - what the writers of src/report share. Every report is a writer of a result
 * (src/result/result_int.h): it never reads model columns or solution values (`make test`
 * greps this folder to keep it so). Stage: sn_result -> [report].
 */
#ifndef SN_SRC_REPORT_REPORT_INT_H
#define SN_SRC_REPORT_REPORT_INT_H

#include "../result/result_int.h"

#include <stdio.h>

/* The "fairness" and "partners" members of the solution JSON, each line ending with ",". */
void snp_partners_write_json(FILE *f, const sn_result *r);
/* The partner table of the text summary. */
sn_status snp_partners_write_summary(FILE *f, const sn_result *r);

/* Writes s as a JSON string literal with escapes. */
void snp_json_string(FILE *f, const char *s);
void snp_json_number(FILE *f, double v);

/* HTML helpers of html.c, for the other HTML pages (screen.c): s HTML-escaped; v with
 * `decimals` digits and thin-space thousands separators ("&ndash;" when not finite); the
 * report's style sheet. */
void snp_html_esc(FILE *f, const char *s);
void snp_html_amount(FILE *f, double v, int decimals);
const char *snp_html_css(void);

#endif /* SN_SRC_REPORT_REPORT_INT_H */
