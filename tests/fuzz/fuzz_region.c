/*
 * fuzz_region.c - libFuzzer harness over the front half of the pipeline: the region parser,
 * the validator and the model builder (all three model kinds), without solving.
 *
 * Input: any bytes, read as a region file. Invalid input must end in SN_EINPUT with at least
 * one diagnostic; a valid region must build every model kind (or fail with a diagnostic).
 * Anything else (a crash, a sanitizer report, a leak, a status without a message) is a finding.
 * Built and run by `make fuzz` (docs/testing.md); seeds come from instances/ and tests/cases/.
 */
#include "symnet.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A status that is not SN_OK must come with a message: a silent failure is a finding too. */
static void expect_diag(sn_status st, const sn_diag *d)
{
    if (st != SN_OK && d->count == 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    sn_status st = sn_instance_load_string((const char *)data, size, "fuzz.json", &in, &d);
    expect_diag(st, &d);
    if (st != SN_OK) {
        if (in != NULL || (st != SN_EINPUT && st != SN_ENOMEM))
            abort();
        return 0;
    }
    static const sn_model_kind kinds[] = {SN_MODEL_NETWORK, SN_MODEL_ELASTIC,
                                          SN_MODEL_ELASTIC_UNCAPPED};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        sn_model *m = NULL;
        sn_diag_init(&d);
        st = sn_model_build(in, kinds[k], &m, &d);
        expect_diag(st, &d);
        if (st == SN_OK && (sn_model_rows(m) < 0 || sn_model_cols(m) < 0 ||
                            sn_model_binaries(m) > sn_model_cols(m)))
            abort();
        sn_model_free(m);
    }
    sn_instance_free(in);
    return 0;
}
