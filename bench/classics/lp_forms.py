#!/usr/bin/env python3
"""lp_forms.py - writes an FCNetLib region (the output of fcnf2region) as a CPLEX LP file in one
of five formulations, independently of symnet's model builder, so that their LP relaxation
bounds can be compared (bench/classics/README.md, table of LP bounds):

    python3 bench/classics/lp_forms.py REGION.json {orig|dest|both|pair} OUT.lp
    glpsol --lp OUT.lp --nomip

orig: one commodity per source, x_k <= min(s_k, u) y;  dest: one per sink, x_t <= min(d_t, u) y;
both: the two labellings side by side, tied by sum_k x_k = sum_t x_t on every arc (what
symnet's model.md 8.6 and 8.7 amount to on these regions); pair: one commodity per
(source, sink) pair with both aggregate bounds. Reads only the encoding fcnf2region writes:
facilities src:* (supplies) and snk:* (demands) joined to their node by free links, arcs
between junctions with fixed_cost_per_yr, cost_per_unit and capacity.
"""
import json,sys

r=json.load(open(sys.argv[1])); mode=sys.argv[2]; out=open(sys.argv[3],'w')
sup={};dem={};fac_node={}
for f in r['facilities']:
    for s in f.get('supplies',[]): sup[f['id']]=s['amount']
    for d in f.get('demands',[]): dem[f['id']]=d['amount']
# collapse src/snk facility links: src:n -> n ; n -> snk:n
S={};T={}
arcs=[]
for l in r['links']:
    a,b=l['from'],l['to']
    if a in sup: S[b]=S.get(b,0)+sup[a]; continue
    if b in dem: T[a]=T.get(a,0)+dem[b]; continue
    arcs.append((a,b,l.get('fixed_cost_per_yr',0),l.get('cost_per_unit',0),l.get('capacity',1e30)))
nodes=sorted({n for a in arcs for n in a[:2]}|set(S)|set(T))
tot=sum(S.values())
srcs=sorted(S); snks=sorted(T)
if mode=='dest': comms=[(None,t) for t in snks]
elif mode=='orig': comms=[(s,None) for s in srcs]
elif mode=='both': comms=[(s,None) for s in srcs]+[(None,t) for t in snks]
else: comms=[(s,t) for s in srcs for t in snks]
def amt(c):
    s,t=c; v=tot
    if s: v=min(v,S[s])
    if t: v=min(v,T[t])
    return v
obj=[];rows=[];bins=[]
X=lambda i,k:'x_%d_%d'%(i,k)
for i,(a,b,fc,vc,u) in enumerate(arcs):
    obj.append('%g y_%d'%(fc,i)); bins.append('y_%d'%i)
    KO=[k for k,c in enumerate(comms) if c[1] is None] if mode=='both' else range(len(comms))
    for k in KO: obj.append('%g %s'%(vc,X(i,k)))
    M=min(u,tot)
    rows.append(' + '.join(X(i,k) for k in KO)+' - %g y_%d <= 0'%(M,i))
    if mode=='both':
        KD=[k for k,c in enumerate(comms) if c[0] is None]
        rows.append(' + '.join(X(i,k) for k in KO)+' - '+' - '.join(X(i,k) for k in KD)+' = 0')
    for k,c in enumerate(comms):
        mk=min(amt(c),M)
        rows.append('%s - %g y_%d <= 0'%(X(i,k),mk,i))
    if mode=='pair':
        for s in srcs:
            ks=[k for k,c in enumerate(comms) if c[0]==s]
            if S[s]<M: rows.append(' + '.join(X(i,k) for k in ks)+' - %g y_%d <= 0'%(S[s],i))
        for t in snks:
            ks=[k for k,c in enumerate(comms) if c[1]==t]
            if T[t]<M: rows.append(' + '.join(X(i,k) for k in ks)+' - %g y_%d <= 0'%(T[t],i))
# conservation per commodity: out - in = src(k,n) - snk(k,n) where supply/demand vars
# variables: o_k_n >=0 supply of commodity k injected at n (if n is a source), d_k_n absorbed
for k,(s,t) in enumerate(comms):
    for n in nodes:
        terms=[]
        for i,(a,b,*_) in enumerate(arcs):
            if a==n: terms.append('+ '+X(i,k))
            if b==n: terms.append('- '+X(i,k))
        inj=''
        if n in S and (s is None or s==n): terms.append('- o_%d_%s'%(k,n))
        if n in T and (t is None or t==n): terms.append('+ a_%d_%s'%(k,n))
        if terms: rows.append(' '.join(terms)+' = 0')
for n in S:
  for part in ([0,1] if mode=='both' else [None]):
    ks=[k for k,c in enumerate(comms) if c[0] in (None,n) and (part is None or (c[1] is None)==(part==0))]
    rows.append(' + '.join('o_%d_%s'%(k,n) for k in ks)+' = %g'%S[n])
for n in T:
  for part in ([0,1] if mode=='both' else [None]):
    ks=[k for k,c in enumerate(comms) if c[1] in (None,n) and (part is None or (c[1] is None)==(part==0))]
    rows.append(' + '.join('a_%d_%s'%(k,n) for k in ks)+' = %g'%T[n])
out.write('Minimize\n obj: '+' + '.join(obj)+'\nSubject To\n')
for j,rw in enumerate(rows): out.write(' r%d: %s\n'%(j,rw.replace('+ -','-')))
out.write('Binary\n'+'\n'.join(' '+b for b in bins)+'\nEnd\n')
