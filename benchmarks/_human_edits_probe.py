import json, collections, cleanup, sys
docs=[json.loads(l)['main_content'] for l in open('../shared/bench/boilerplate/wcxb-dev-articles.jsonl')]
c=cleanup.Cleaner(grammar=False, boilerplate=False)
words=0; edits=collections.Counter(); ex=collections.defaultdict(list)
for d in docs:
    words+=len(d.split())
    r=c.clean(d)
    for f in r.edits:
        edits[f.rule]+=1
        if len(ex[f.rule])<6: ex[f.rule].append((r.original[max(0,f.start-40):f.start]+'[['+r.original[f.start:f.end]+'->'+str(f.replacement)+']]'+r.original[f.end:f.end+30]).replace('\n','\\n'))
print('words',words,'edits',sum(edits.values()),'per1000',1000*sum(edits.values())/words)
for k,v in edits.most_common(): 
    print(v,k)
    for e in ex[k]: print('    ',e)
