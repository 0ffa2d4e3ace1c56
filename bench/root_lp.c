/*
 * root_lp.c - how GLPK's simplex methods fare on the root LP of an exported symnet model: the
 * measurements behind the root LP's method choice (docs/model.md 11, src/solve/glpk.c
 * root_lp). Reads a free MPS file (`symnet export REGION --mps FILE`), scales it as symnet
 * does (GLP_SF_AUTO) and solves its LP relaxation once per method, each from scratch:
 *
 *     primal   primal simplex from the all-slack basis
 *     primal+adv  primal simplex from GLPK's advanced basis (glp_adv_basis)
 *     dual     dual simplex from the all-slack basis (GLP_DUALP)
 *
 * and, with --slices N, the same as symnet runs it: slices of N iterations, each restarted from
 * the basis the last one left. Prints one line per method: status, objective, iterations,
 * restarts, CPU seconds. Usage: root_lp FILE.mps [--only primal|primal+adv|dual] [--slices N]
 */
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int quiet(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

static const char *status_name(int st)
{
    switch (st) {
    case GLP_OPT:
        return "optimal";
    case GLP_FEAS:
        return "feasible";
    case GLP_INFEAS:
        return "infeasible (intermediate)";
    case GLP_NOFEAS:
        return "NO FEASIBLE SOLUTION";
    case GLP_UNBND:
        return "unbounded";
    default:
        return "undefined";
    }
}

static void run(const char *file, const char *method, int slices)
{
    glp_prob *P = glp_create_prob();
    if (glp_read_mps(P, GLP_MPS_FILE, NULL, file) != 0) {
        fprintf(stderr, "root_lp: cannot read %s as free MPS\n", file);
        exit(2);
    }
    glp_scale_prob(P, GLP_SF_AUTO);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    if (strcmp(method, "primal+adv") == 0)
        glp_adv_basis(P, 0);
    if (strcmp(method, "dual") == 0)
        sp.meth = GLP_DUALP;
    clock_t t0 = clock();
    int rc, restarts = 0;
    for (;;) {
        if (slices > 0)
            sp.it_lim = slices;
        rc = glp_simplex(P, &sp);
        if (rc != GLP_EITLIM)
            break;
        restarts++;
    }
    double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    printf("%-11s rc %2d  %-22s objective %.10g  iterations %d  restarts %d  cpu %.2f s\n", method,
           rc, status_name(glp_get_status(P)), glp_get_obj_val(P), glp_get_it_cnt(P), restarts,
           cpu);
    glp_delete_prob(P);
}

int main(int argc, char **argv)
{
    const char *file = NULL, *only = NULL;
    int slices = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "--slices") == 0 && i + 1 < argc)
            slices = atoi(argv[++i]);
        else if (argv[i][0] != '-' && !file)
            file = argv[i];
        else {
            fprintf(stderr, "usage: root_lp FILE.mps [--only primal|primal+adv|dual] "
                            "[--slices N]\n");
            return 2;
        }
    }
    if (!file) {
        fprintf(stderr, "usage: root_lp FILE.mps [--only primal|primal+adv|dual] [--slices N]\n");
        return 2;
    }
    glp_term_hook(quiet, NULL);
    const char *methods[] = {"primal", "primal+adv", "dual"};
    for (int k = 0; k < 3; k++)
        if (!only || strcmp(only, methods[k]) == 0)
            run(file, methods[k], slices);
    return 0;
}
