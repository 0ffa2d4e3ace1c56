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

/* One CSV cell (RFC 4180 quoting; an empty cell for a number that is not finite), followed by
 * ',' or, when last, a newline. */
void snp_csv_text(FILE *f, const char *s, int last);
void snp_csv_number(FILE *f, double v, int last);

/* Money for people (fmt.c): "1,234,567.89", "-" when not finite; sign: "+" before a positive
 * amount. buf should hold 48 bytes. */
const char *snp_fmt_money(char *buf, size_t size, double v, int sign);

#endif /* SN_SRC_REPORT_REPORT_INT_H */
