#!/usr/bin/env python3
# Writes the body of src/cmd/docker/cli-flags.ts from docker/cli's source at a tag:
#   python3 scripts/docker-cli-flags.py /path/to/docker-cli.git v29.7.2 > /tmp/body.ts
# It reads each command's flag definitions (flags.XxxVar[P](&v, "long", "s", …)), MarkHidden,
# MarkDeprecated and the "ostype" annotations, as cobra/pflag will see them.
import re, subprocess, sys

GIT, TAG = sys.argv[1], sys.argv[2]
def src(p): return subprocess.run(['git','--git-dir',GIT,'show',TAG+':'+p],capture_output=True,text=True).stdout
pat=re.compile(r'(?:flags|cmd\.Flags\(\))\.(\w+)\((?:&?[\w.]+(?:\.[\w]+)*|&stub|copts\.\w+), "([\w-]+)"(?:, "(\w?)")?')
def flags(p):
    s=src(p); out=[]
    for m in pat.finditer(s):
        fn,name,short=m.group(1),m.group(2),m.group(3)
        if fn in ('SetAnnotation','MarkHidden','MarkDeprecated','Lookup','Changed'): continue
        out.append((fn,name,short or ''))
    # Bool("help"...) form
    for m in re.finditer(r'flags\.(Bool|String)\("([\w-]+)"',s): out.append((m.group(1)+'Var',m.group(2),''))
    hidden=re.findall(r'MarkHidden\("([\w-]+)"\)',s)
    dep=dict(re.findall(r'MarkDeprecated\("([\w-]+)", "([^"]+)"\)',s))
    return out,hidden,dep
TYPES={'BoolVar':'bool','BoolVarP':'bool','StringVar':'string','StringVarP':'string','IntVar':'int','Int64Var':'int64','Int64VarP':'int64',
'Uint16Var':'uint16','Uint64Var':'uint64','DurationVar':'duration','IPVar':'ip','IPSliceVar':'ipSlice','IPNetSliceVar':'ipNetSlice',
'StringSliceVar':'stringSlice','Var':'list','VarP':'list'}
def ann(p):
    s=src(p); return dict(re.findall(r'SetAnnotation\("([\w-]+)", "ostype", \[\]string\{"(\w+)"\}',s))
cmds=[('run','docker run',['cli/command/container/run.go','cli/command/container/opts.go'],'run [OPTIONS] IMAGE [COMMAND] [ARG...]',False),
('create','docker create',['cli/command/container/create.go','cli/command/container/opts.go'],'create [OPTIONS] IMAGE [COMMAND] [ARG...]',False),
('network create','docker network create',['cli/command/network/create.go'],'create [OPTIONS] NETWORK',True),
('network connect','docker network connect',['cli/command/network/connect.go'],'connect [OPTIONS] NETWORK CONTAINER',True),
('network disconnect','docker network disconnect',['cli/command/network/disconnect.go'],'disconnect [OPTIONS] NETWORK CONTAINER',True),
('network rm','docker network rm',['cli/command/network/remove.go'],'rm NETWORK [NETWORK...]',True),
('network ls','docker network ls',['cli/command/network/list.go'],'ls [OPTIONS]',True),
('network inspect','docker network inspect',['cli/command/network/inspect.go'],'inspect [OPTIONS] NETWORK [NETWORK...]',True),
('network prune','docker network prune',['cli/command/network/prune.go'],'prune [OPTIONS]',True),
('inspect','docker inspect',['cli/command/system/inspect.go'],'inspect [OPTIONS] NAME|ID [NAME|ID...]',True),
('container inspect','docker container inspect',['cli/command/container/inspect.go'],'inspect [OPTIONS] CONTAINER [CONTAINER...]',True),
('port','docker port',['cli/command/container/port.go'],'port CONTAINER [PRIVATE_PORT[/PROTO]]',True),
]
out=[]
for key,path,files,use,inter in cmds:
    fl=[];seen=set();hid=[];dep={};os={}
    for f in files:
        o,h,d=flags(f); hid+=h; dep.update(d); os.update(ann(f))
        for fn,name,short in o:
            if name in seen: continue
            seen.add(name); fl.append((fn,name,short))
    out.append(f"  '{key}': {{\n    use: '{path.rsplit(' ',1)[0]} {use}',\n    interspersed: {str(inter).lower()},\n    flags: [")
    for fn,name,short in sorted(fl,key=lambda x:x[1]):
        e=f"{{ long: '{name}'"
        if short: e+=f", short: '{short}'"
        e+=f", type: '{TYPES[fn]}'"
        if name in hid: e+=", hidden: true"
        if name in dep: e+=f", deprecated: '{dep[name]}'"
        if name in os: e+=f", ostype: '{os[name]}'"
        out.append('      '+e+' },')
    out.append('    ],\n  },')
print('\n'.join(out))

