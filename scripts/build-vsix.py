#!/usr/bin/env python3
"""Builds the VS Code extension in editors/vscode as editors/vscode/build/<name>-<version>.vsix, without npm or vsce.

A .vsix is a zip in the Open Packaging Conventions layout vsce writes: `[Content_Types].xml` and
`extension.vsixmanifest` at the root, the extension's files under `extension/`. Only the grammar-only extension is
packaged (package.json, language-configuration.json, syntaxes/, README.md, CHANGELOG.md): client/ needs npm and stays
out. The bytes are reproducible: fixed timestamps and modes, entries in sorted order.

Before writing, the files are checked the way VS Code would read them: every JSON file parses, each grammar's
scopeName is the one package.json declares, and every path package.json names is in the package.

Usage: scripts/build-vsix.py [--output PATH]
"""

import argparse
import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "editors" / "vscode"
# What the package holds, relative to EXTENSION; syntaxes/ is added whole.
FILES = ["package.json", "language-configuration.json", "README.md", "CHANGELOG.md"]
# 1980-01-01, the earliest time a zip entry can carry: the same bytes on every run.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# vsce's defaults, and what it looks up for the other extensions this package holds.
CONTENT_TYPES = {".json": "application/json", ".vsixmanifest": "text/xml", ".md": "text/markdown"}


class PackageError(Exception):
    pass


def load_json(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PackageError(f"{path.relative_to(ROOT)}: {error}") from None


def collect_files():
    """The package's files as {path inside extension/: source path}."""
    files = {}
    for name in FILES:
        path = EXTENSION / name
        if not path.is_file():
            raise PackageError(f"missing {path.relative_to(ROOT)}")
        files[name] = path
    for path in sorted((EXTENSION / "syntaxes").rglob("*")):
        if path.is_file():
            files[path.relative_to(EXTENSION).as_posix()] = path
    return files


def normalized(reference):
    """`./syntaxes/loom.tmLanguage.json` as the name it has under extension/."""
    parts = [part for part in reference.replace("\\", "/").split("/") if part not in ("", ".")]
    if ".." in parts:
        raise PackageError(f"package.json names a path outside the extension: {reference}")
    return "/".join(parts)


def validate(manifest, files):
    for key in ("name", "publisher", "version"):
        if not isinstance(manifest.get(key), str) or not manifest[key]:
            raise PackageError(f"package.json: '{key}' is missing")
    if not manifest.get("engines", {}).get("vscode"):
        raise PackageError("package.json: 'engines.vscode' is missing")
    for name, path in files.items():
        if name.endswith(".json"):
            load_json(path)

    contributes = manifest.get("contributes", {})
    languages = contributes.get("languages", [])
    language_ids = {language.get("id") for language in languages}
    # Every path package.json names, and what names it.
    named = [(manifest[key], key) for key in ("main", "browser", "icon") if key in manifest]
    for language in languages:
        if "configuration" in language:
            named.append((language["configuration"], f"language '{language.get('id')}' configuration"))
    for grammar in contributes.get("grammars", []):
        where = f"grammar '{grammar.get('scopeName')}'"
        if "path" not in grammar or "scopeName" not in grammar:
            raise PackageError(f"package.json: {where} needs a path and a scopeName")
        named.append((grammar["path"], where))
        if "language" in grammar and grammar["language"] not in language_ids:
            raise PackageError(f"package.json: {where} is for language '{grammar['language']}', which no language declares")
        path = normalized(grammar["path"])
        if path in files:
            scope = load_json(files[path]).get("scopeName")
            if scope != grammar["scopeName"]:
                raise PackageError(f"{path}: scopeName is '{scope}', package.json says '{grammar['scopeName']}'")
    for reference, what in named:
        if normalized(reference) not in files:
            raise PackageError(f"package.json: {what} names {reference}, which is not in the package")


def tags(manifest):
    """The marketplace tags vsce derives: keywords, language ids, aliases and `__ext_<extension>`."""
    contributes = manifest.get("contributes", {})
    found = list(manifest.get("keywords", []))
    for language in contributes.get("languages", []):
        found += [language.get("id")] + language.get("aliases", [])
        found += ["__ext_" + "".join(c for c in ext if c.isalnum() or c == "_") for ext in language.get("extensions", [])]
    found += [grammar.get("language") for grammar in contributes.get("grammars", [])]
    return ",".join(dict.fromkeys(tag for tag in found if tag))


def vsix_manifest(manifest, files):
    assets = [("Microsoft.VisualStudio.Code.Manifest", "extension/package.json")]
    if "README.md" in files:
        assets.append(("Microsoft.VisualStudio.Services.Content.Details", "extension/README.md"))
    if "CHANGELOG.md" in files:
        assets.append(("Microsoft.VisualStudio.Services.Content.Changelog", "extension/CHANGELOG.md"))
    # An extension without code runs wherever VS Code does, the web included (what vsce says for one).
    kind = "workspace" if "main" in manifest else "workspace,web"
    properties = [
        ("Microsoft.VisualStudio.Code.Engine", manifest["engines"]["vscode"]),
        ("Microsoft.VisualStudio.Code.ExtensionDependencies", ",".join(manifest.get("extensionDependencies", []))),
        ("Microsoft.VisualStudio.Code.ExtensionPack", ",".join(manifest.get("extensionPack", []))),
        ("Microsoft.VisualStudio.Code.ExtensionKind", kind),
        ("Microsoft.VisualStudio.Code.LocalizedLanguages", ""),
        ("Microsoft.VisualStudio.Services.GitHubFlavoredMarkdown", "true"),
        ("Microsoft.VisualStudio.Services.Content.Pricing", manifest.get("pricing", "Free")),
    ]
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011"'
        ' xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">',
        "  <Metadata>",
        f'    <Identity Language="en-US" Id={quoteattr(manifest["name"])} Version={quoteattr(manifest["version"])}'
        f' Publisher={quoteattr(manifest["publisher"])}/>',
        f"    <DisplayName>{escape(manifest.get('displayName', manifest['name']))}</DisplayName>",
        f'    <Description xml:space="preserve">{escape(manifest.get("description", ""))}</Description>',
        f"    <Tags>{escape(tags(manifest))}</Tags>",
        f"    <Categories>{escape(','.join(manifest.get('categories', [])))}</Categories>",
        "    <GalleryFlags>Public</GalleryFlags>",
        "    <Properties>",
        *(f"      <Property Id={quoteattr(key)} Value={quoteattr(value)}/>" for key, value in properties),
        "    </Properties>",
        "  </Metadata>",
        "  <Installation>",
        '    <InstallationTarget Id="Microsoft.VisualStudio.Code"/>',
        "  </Installation>",
        "  <Dependencies/>",
        "  <Assets>",
        *(f'    <Asset Type={quoteattr(type_)} Path={quoteattr(path)} Addressable="true"/>' for type_, path in assets),
        "  </Assets>",
        "</PackageManifest>",
    ]
    return "\n".join(lines) + "\n"


def content_types(names):
    extensions = sorted({Path(name).suffix.lower() for name in names if Path(name).suffix})
    unknown = [ext for ext in extensions if ext not in CONTENT_TYPES]
    if unknown:
        raise PackageError(f"no content type known for {', '.join(unknown)}: add it to CONTENT_TYPES")
    defaults = "".join(f'<Default Extension="{ext}" ContentType="{CONTENT_TYPES[ext]}"/>' for ext in extensions)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{defaults}</Types>\n'
    )


def write_zip(output, entries):
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(output.name + ".tmp")
    with zipfile.ZipFile(temporary, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode below is read
            # Writable: VS Code records metadata in the installed package.json.
            info.external_attr = 0o100644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    temporary.replace(output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, help="where to write the .vsix (default: editors/vscode/build/)")
    arguments = parser.parse_args()
    try:
        manifest = load_json(EXTENSION / "package.json")
        files = collect_files()
        validate(manifest, files)
        entries = {f"extension/{name}": path.read_bytes() for name, path in files.items()}
        entries["extension.vsixmanifest"] = vsix_manifest(manifest, files).encode("utf-8")
        entries["[Content_Types].xml"] = content_types(list(entries) + ["extension.vsixmanifest"]).encode("utf-8")
        output = arguments.output or EXTENSION / "build" / f"{manifest['name']}-{manifest['version']}.vsix"
        write_zip(output, entries)
        with zipfile.ZipFile(output) as archive:
            if archive.testzip() is not None:
                raise PackageError(f"{output}: the written zip does not read back")
    except PackageError as error:
        print(f"build-vsix: error: {error}", file=sys.stderr)
        return 1
    output = output.resolve()
    shown = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    print(f"build-vsix: wrote {shown} ({output.stat().st_size} bytes, {len(entries)} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
