/*
 * screen_int.h - a screen of a region (sn_screen, issue 14): every supplier-to-user match,
 * direct or through one hub, priced on its own with the model's link pricing (links.c,
 * snp_link_price) and ranked by its annual saving. No model is built and nothing is solved.
 * Stage: sn_instance (+ model link pricing) -> [screen] -> report (src/report/screen_*.c).
 */
#ifndef SN_SRC_RESULT_SCREEN_INT_H
#define SN_SRC_RESULT_SCREEN_INT_H

#include "../model/model_int.h"

/* One match as screened: which ends, which links, and what it is worth at its best amount. */
typedef struct snp_screen_match {
    int hub;              /* hub index, -1 for a direct match */
    int supplier, supply; /* facility index, index into its supplies */
    int user, demand;     /* facility index, index into its demands */
    int resource;         /* sent by the supplier */
    int out_resource;     /* arriving at the user: the hub's output, or `resource` */
    int input, output;    /* hub input and output indices, -1 direct */
    snp_mode mode, mode2; /* mode2: the hub -> user leg */
    int spec, spec2;      /* explicit link (instance links[]) of each leg, -1 generated */
    double ratio;         /* demand units met per unit of out_resource delivered */
    double length_km;     /* both legs of a hub route */
    double amount;        /* sent by the supplier per year */
    double delivered;     /* demand units met per year */
    double fixed_annual;  /* currency per year once built (links, sizes, hub option) */
    double unit_margin;   /* currency per unit sent: value less per-unit and per-trip costs */
    double break_even;    /* amount per year that pays fixed_annual; INFINITY never, NAN flag */
    double saving;        /* currency per year at amount; flagged: the priced side only */
    double capital;       /* undiscounted, at amount */
    double co2_avoided;   /* t CO2e per year at amount */
    int must_take, must_serve;
} snp_screen_match;

struct sn_screen {
    const sn_instance *in;
    sn_screen_counts direct, hub;
    size_t keep;
    int truncated;
    snp_vec kept;     /* snp_screen_match: a heap (worst on top) while screening, then ranked */
    const char **ids; /* per kept match, in the arena */
    snp_arena arena;
};

/* sn_screen_build; with exact 1 every pair is measured (no grid) and every one within reach
 * priced (snp_link_price) instead of being settled by the price bounds or in bulk: the same
 * result, slower (tests compare them). */
SN_NODISCARD sn_status snp_screen_build(const sn_instance *inst, size_t keep, int exact,
                                        sn_screen **out);

/* 1 when a ranks before b: paying before flagged, then by saving, best first; ties by ends. */
int snp_screen_before(const snp_screen_match *a, const snp_screen_match *b);

#endif /* SN_SRC_RESULT_SCREEN_INT_H */
