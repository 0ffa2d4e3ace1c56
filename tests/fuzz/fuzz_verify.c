/*
 * fuzz_verify.c - libFuzzer harness over the solution reader and the independent checker
 * (sn_solution_verify_string).
 *
 * Input: a region, a NUL byte, then a solution file. A valid region's solution is read and
 * checked; any outcome but a crash, a sanitizer report or a leak is fine, but a failure must
 * come with a message. Seeds are real (region, solution) pairs written by `symnet solve`
 * (`make fuzz` builds them), so mutations start from solutions that agree and tamper with them.
 */
#include "symnet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    if (!nul)
        return 0;
    size_t rlen = (size_t)(nul - text);
    sn_diag d;
    sn_diag_init(&d);
    sn_instance *in = NULL;
    if (sn_instance_load_string(text, rlen, "region.json", &in, &d) != SN_OK)
        return 0;
    sn_diag_init(&d);
    sn_status st = sn_solution_verify_string(in, nul + 1, size - rlen - 1, "solution.json", &d);
    if (st != SN_OK && d.count == 0)
        abort();
    if (st != SN_OK && st != SN_EINPUT && st != SN_EINTERNAL && st != SN_ENOMEM)
        abort();
    sn_instance_free(in);
    return 0;
}
