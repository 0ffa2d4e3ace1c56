/*
 * embed.c - a program that embeds symnet as an installed library (tests/install/check.sh builds
 * it with `pkg-config --cflags --libs symnet`): solves a region with sn_run and prints the
 * headline figures and the built links through the accessors of symnet.h, without any JSON.
 */
#include <stdio.h>
#include <symnet.h>

int main(int argc, char **argv)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_params p;
    sn_params_init(&p);
    sn_instance *in = NULL;
    sn_result *r = NULL;
    if (argc != 2 || sn_instance_load_file(argv[1], &in, &d) != SN_OK ||
        sn_run(in, &p, &r, &d) != SN_OK) {
        fprintf(stderr, "embed: %s\n", d.count ? d.errors[0].message : "usage: embed REGION");
        sn_instance_free(in);
        return 1;
    }
    printf("objective %.2f %s/yr, bau %.2f, savings %.2f\n", sn_result_objective(r),
           sn_result_currency(r), sn_result_bau(r), sn_result_savings(r));
    sn_link_info l;
    for (int i = 0; i < sn_result_link_count(r); i++)
        if (sn_result_link(r, i, &l) == SN_OK)
            printf("link %s: %.6g %s, %.2f/yr\n", l.id, l.flow, l.unit, l.annual_cost);
    sn_result_free(r);
    sn_instance_free(in);
    return 0;
}
