"""The files of this interpreter that moto_server needs, relative to its prefix, one a line: python-files.py (run by the
interpreter whose moto it is). Its binary and library, the standard library (without tests, IDLE, tkinter) and the
distributions moto[server] requires, found through their metadata, so nothing else of that environment is copied."""
import importlib.metadata
import sys
from pathlib import Path

from packaging.requirements import Requirement

prefix = Path(sys.prefix)
stdlib = Path(sys.prefix, "lib", f"python{sys.version_info.major}.{sys.version_info.minor}")
files = {Path(sys.executable).resolve(), *Path(prefix, "lib").glob("libpython*.so*")}
files.update(p for p in stdlib.rglob("*") if p.is_file() and not p.relative_to(stdlib).parts[0] in
             {"site-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip"})

seen, todo = set(), [("moto", ("server",))]
while todo:
    name, extras = todo.pop()
    if (name.lower(), extras) in seen:
        continue
    seen.add((name.lower(), extras))
    dist = importlib.metadata.distribution(name)
    files.update(Path(dist.locate_file(f)) for f in dist.files or [])
    for line in dist.requires or []:
        req = Requirement(line)
        # a requirement applies when unconditional, or when its marker holds for one of the extras asked for
        if req.marker is None or any(req.marker.evaluate({"extra": extra}) for extra in extras or ("",)):
            todo.append((req.name, tuple(sorted(req.extras))))

# symbolic links and the "../../../bin" of scripts resolved: each file once, by its own name
for path in sorted({p.resolve() for p in files if p.is_file()}):
    print(path.relative_to(prefix))
