/*
 * report_int.h - figures derived from a solved network (costs by category, business as usual,
 * emissions, diversion), shared by the JSON solution and the text summary. Reports are
 * read-only over instance, model and solution. Stage: sn_solution -> [report].
 */
#ifndef SN_SRC_REPORT_REPORT_INT_H
#define SN_SRC_REPORT_REPORT_INT_H

#include "../solve/solve_int.h"

typedef struct snp_costs {
    double disposal;  /* byproducts disposed, without carbon */
    double purchase;  /* virgin inputs bought, without carbon */
    double capital;   /* annualised capital of links, hubs and corridors */
    double operating; /* link opex, trips, fixed charges, hub fixed opex and processing */
    double carbon;    /* carbon price times emissions */
    double total;
} snp_costs;

/* A built link as reported. */
typedef struct snp_built_link {
    int link;    /* model link index */
    double flow; /* sent per year */
    double trips;
    int size; /* -1 without discrete sizes */
    double capital;
    double annual;
} snp_built_link;

typedef struct snp_figures {
    int has_network;
    snp_costs cost;   /* the network state */
    snp_costs bau;    /* business as usual (nothing built) */
    int bau_feasible; /* every supply can be disposed of and every demand bought */
    double co2_t_per_yr, bau_co2_t_per_yr;
    double capital_total; /* undiscounted capital of everything built */
    int n_links;
    snp_built_link *links; /* built links, model order */
    int *hub_size;         /* per hub: option built or -1 */
    int *corridor_built;   /* per corridor */
    double *diverted;      /* per resource: supply not disposed (supplies with disposal) */
    double *replaced;      /* per resource: demand not bought (demands with a price) */
    double **sent;         /* [facility][supply] */
    double **received;     /* [facility][demand]: demand units met by the network */
    int n_facilities;      /* rows of sent and received */
} snp_figures;

/* Computes the figures; returns SN_ENOMEM or SN_EINTERNAL when the recomputed cost
 * disagrees with the solver's objective (relative 1e-6). */
sn_status snp_figures_compute(const sn_instance *in, const sn_model *m, const sn_solution *s,
                              snp_figures *fig, sn_diag *diag);
void snp_figures_free(snp_figures *fig);

/* What one facility pays per year in the network (partners.c, docs/model.md section 12). */
typedef struct snp_partner {
    double bau;                           /* alone; NAN when it has no business as usual */
    double disposal, purchase, transport; /* its own columns, carbon included */
    double shared;                        /* its share of hubs, corridors, shared links */
    double total;                         /* the sum of the four; NAN without a network */
    double change;                        /* total - bau */
    int participates;                     /* sends, receives or pays for anything */
    int worse_off;                        /* participates and change > 0 (relative 1e-6) */
} snp_partner;

/* Per-facility costs of a solved network (one per facility, freed with snp_free). */
sn_status snp_partners_compute(const sn_instance *in, const sn_model *m, const sn_solution *s,
                               snp_partner **out);
/* The "fairness" and "partners" members of the solution JSON, each line ending with ",". */
sn_status snp_partners_write_json(FILE *f, const sn_instance *in, const sn_model *m,
                                  const sn_solution *s);
/* The partner table of the text summary. */
sn_status snp_partners_write_summary(FILE *f, const sn_instance *in, const sn_model *m,
                                     const sn_solution *s);

/* What the map-drawing reports (GeoJSON, HTML) share: the figures, each partner's costs and
 * which junctions a built link touches. */
typedef struct snp_view {
    snp_figures g;
    snp_partner *p;     /* per facility */
    int *junction_used; /* per junction: 1 when a built link starts or ends there */
} snp_view;

/* Computes a view (figures without a diagnostic sink); on failure nothing is left to free. */
sn_status snp_view_open(const sn_instance *in, const sn_model *m, const sn_solution *s,
                        snp_view *v);
void snp_view_close(snp_view *v);

/* Writes s as a JSON string literal with escapes. */
void snp_json_string(FILE *f, const char *s);
void snp_json_number(FILE *f, double v);

#endif /* SN_SRC_REPORT_REPORT_INT_H */
