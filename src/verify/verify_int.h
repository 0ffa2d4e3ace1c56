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
 * The two sn_ functions are public in spirit; their declarations belong in include/symnet.h
 * (proposed to the maintainer of that header) and live here until then.
 */
#ifndef SN_SRC_VERIFY_VERIFY_INT_H
#define SN_SRC_VERIFY_VERIFY_INT_H

#include "../instance/instance_int.h"

/* Relative tolerance of every comparison (see snp_verify_close). */
#define SNP_VERIFY_REL 1e-6
/* Absolute floor, as a fraction of the region's largest amount or capacity. */
#define SNP_VERIFY_ABS 1e-9

/* Checks a parsed solution against the region. SN_OK when everything agrees; SN_EINTERNAL
 * when the solution disagrees with the region (every disagreement in diag, in file order, up
 * to SN_DIAG_MAX); SN_ENOMEM. Messages read "FILE: PATH: WHAT: expected X, got Y". */
SN_NODISCARD sn_status snp_verify_doc(const sn_instance *inst, const snp_solution_doc *doc,
                                      sn_diag *diag);

/* Reads the solution file at path and checks it against inst. SN_EIO when it cannot be read,
 * SN_EINPUT when it is not a well-formed symnet-solution/1 document (JSON paths in diag),
 * SN_EINTERNAL when it disagrees with the region, SN_ENOMEM. */
SN_NODISCARD sn_status sn_solution_verify_file(const sn_instance *inst, const char *path,
                                               sn_diag *diag);

/* As above from memory; `name` is used as the file name in messages. */
SN_NODISCARD sn_status sn_solution_verify_string(const sn_instance *inst, const char *text,
                                                 size_t len, const char *name, sn_diag *diag);

#endif /* SN_SRC_VERIFY_VERIFY_INT_H */
