/*
 * verify_int.h - the independent solution checker: recomputes a written solution (JSON) from
 * the region data alone and reports every disagreement with its JSON path.
 *
 * Stage: sn_instance + solution JSON -> [verify]. It shares no code with src/model/ (it never
 * includes model_int.h): lengths, detours, corridors, losses, capital recovery factors and costs
 * are re-derived from docs/model.md and docs/format.md, so a modelling bug cannot hide behind
 * the same bug in the checker. Used by `symnet verify REGION SOLUTION` and by `symnet solve`
 * on the file it has just written (FILE.tmp), before renaming it. Tolerances are documented in
 * docs/testing.md ("The solution checker").
 *
 * Its public entry points, sn_solution_verify_file and sn_solution_verify_string, are declared
 * in include/symnet.h.
 */
#ifndef SN_SRC_VERIFY_VERIFY_INT_H
#define SN_SRC_VERIFY_VERIFY_INT_H

#include "../instance/instance_int.h"

/* Relative tolerance of every comparison (amount_tol and money_agrees in verify.c). */
#define SNP_VERIFY_REL 1e-6
/* Absolute floor, as a fraction of the region's largest amount or capacity. */
#define SNP_VERIFY_ABS 1e-9

/* Checks a parsed solution against the region. SN_OK when everything agrees; SN_EINTERNAL
 * when the solution disagrees with the region (every disagreement in diag, in file order, up
 * to SN_DIAG_MAX); SN_ENOMEM. Messages read "FILE: PATH: WHAT: expected X, got Y". */
SN_NODISCARD sn_status snp_verify_doc(const sn_instance *inst, const snp_solution_doc *doc,
                                      sn_diag *diag);

#endif /* SN_SRC_VERIFY_VERIFY_INT_H */
