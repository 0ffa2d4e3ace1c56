/*
 * candidates.c - every candidate of a region without solving it (`symnet candidates`): the
 * links the model would offer the solver (generated and explicit, docs/model.md 2), the ones
 * left out because they can never pay (2.2) with the figures that prove it, the hubs and the
 * corridors. Stage: sn_instance -> model links -> [result] -> report (src/report/candidates.c).
 */
#include "result_int.h"

sn_status sn_candidates_build(const sn_instance *inst, sn_candidates **out, sn_diag *diag)
{
    if (out)
        *out = NULL;
    if (!inst || !out)
        return SN_EUSAGE;
    sn_candidates *c = snp_calloc(1, sizeof *c);
    sn_model *m = snp_model_new(inst, SN_MODEL_NETWORK);
    if (!c || !m) {
        snp_free(c);
        sn_model_free(m);
        snp_diag_add(diag, SN_ENOMEM, inst->file, NULL, "out of memory");
        return SN_ENOMEM;
    }
    m->record_pruned = 1;
    sn_status st = snp_model_links(m, diag);
    if (st != SN_OK) {
        if (st == SN_ENOMEM)
            snp_diag_add(diag, SN_ENOMEM, inst->file, NULL, "out of memory");
        sn_model_free(m);
        snp_free(c);
        return st;
    }
    c->in = inst;
    c->m = m;
    *out = c;
    return SN_OK;
}

void sn_candidates_free(sn_candidates *c)
{
    if (!c)
        return;
    sn_model_free(c->m);
    snp_free(c);
}
