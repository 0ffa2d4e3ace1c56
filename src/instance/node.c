/*
 * node.c - the small node and resource helpers of a parsed region that every later stage uses
 * (parse.c and validate.c for distances and ids, the model builder, the reports, the checker):
 * node numbering (facilities, then hubs, then junctions), ids, locations, straight-line
 * distances, and lookups by id. They read the instance only; nothing here allocates.
 */
#include "instance_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

snp_node_kind snp_node_kind_of(const sn_instance *in, int node, int *index)
{
    int i = node;
    snp_node_kind k = SNP_NODE_FACILITY;
    if (i >= in->n_facilities) {
        i -= in->n_facilities;
        k = SNP_NODE_HUB;
        if (i >= in->n_hubs) {
            i -= in->n_hubs;
            k = SNP_NODE_JUNCTION;
        }
    }
    if (index)
        *index = i;
    return k;
}

const char *snp_node_id(const sn_instance *in, int node)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY:
        return in->facilities[i].id;
    case SNP_NODE_HUB:
        return in->hubs[i].id;
    case SNP_NODE_JUNCTION:
        return in->junctions[i].id;
    }
    return NULL;
}

snp_point snp_node_loc(const sn_instance *in, int node)
{
    int i;
    switch (snp_node_kind_of(in, node, &i)) {
    case SNP_NODE_FACILITY:
        return in->facilities[i].loc;
    case SNP_NODE_HUB:
        return in->hubs[i].loc;
    case SNP_NODE_JUNCTION:
        return in->junctions[i].loc;
    }
    return (snp_point){0, 0};
}

double snp_node_dist_km(const sn_instance *in, int a, int b)
{
    snp_point p = snp_node_loc(in, a), q = snp_node_loc(in, b);
    if (in->coords == SNP_COORDS_LONLAT)
        return snp_haversine_km(p.x, p.y, q.x, q.y);
    return hypot(q.x - p.x, q.y - p.y);
}

int snp_resource_find(const sn_instance *in, const char *id)
{
    for (int i = 0; i < in->n_resources; i++)
        if (in->resources[i].id && strcmp(in->resources[i].id, id) == 0)
            return i;
    return -1;
}

int snp_node_find(const sn_instance *in, const char *id)
{
    int n = snp_node_count(in);
    for (int i = 0; i < n; i++) {
        const char *s = snp_node_id(in, i);
        if (s && strcmp(s, id) == 0)
            return i;
    }
    return -1;
}

const char *snp_link_key_id(const sn_instance *in, int from, int to, int resource, snp_mode mode,
                            char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s/%s/%s", snp_node_id(in, from), snp_node_id(in, to),
             in->resources[resource].id, mode == SNP_MODE_PIPE ? "pipe" : "truck");
    return buf;
}
