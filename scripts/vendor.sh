#!/usr/bin/env sh
# Copie dans docs/assets/vendor/ les bibliothèques que le formulaire « Proposer une expérience »
# charge (contribuer/proposer/), aux versions exactes de package-lock.json : js-yaml (écrit le
# fichier YAML), @cfworker/json-schema (valide la saisie contre le schéma JSON, sans eval) et
# markdown-it (l'aperçu d'un résumé tel que la page le lira : le site l'écrit avec markdown-it-py).
# Usage : npm ci && npm run vendor (ou sh scripts/vendor.sh), puis committer le dossier.
set -eu
cd "$(dirname "$0")/.."
modules=node_modules
out=docs/assets/vendor
for package in js-yaml @cfworker/json-schema markdown-it; do
  test -f "$modules/$package/package.json" || { echo "$package absent : lancez npm ci" >&2; exit 1; }
done
rm -rf "$out"
mkdir -p "$out/js-yaml" "$out/json-schema" "$out/markdown-it"

# js-yaml : un seul module ES minifié (en .js : servi comme JavaScript partout), et sa licence.
cp "$modules/js-yaml/dist/browser/js-yaml.esm.min.mjs" "$out/js-yaml/js-yaml.js"
sed -i '/^\/\/# sourceMappingURL=/d' "$out/js-yaml/js-yaml.js"
cp "$modules/js-yaml/LICENSE" "$out/js-yaml/LICENSE"

# markdown-it : le paquet minifié (il se déclare dans globalThis.markdownit), et sa licence.
cp "$modules/markdown-it/dist/markdown-it.min.js" "$out/markdown-it/markdown-it.js"
cp "$modules/markdown-it/LICENSE" "$out/markdown-it/LICENSE"

# @cfworker/json-schema : les modules ES dont validator.js a besoin (sans les cartes de source).
for file in validator validate dereference deep-compare-strict format pointer ucs2-length; do
  sed '/^\/\/# sourceMappingURL=/d' "$modules/@cfworker/json-schema/dist/esm/$file.js" \
    >"$out/json-schema/$file.js"
done
# Le paquet npm ne contient pas de fichier de licence : son package.json déclare MIT.
author=$(node -p 'require("./node_modules/@cfworker/json-schema/package.json").author')
license=$(node -p 'require("./node_modules/@cfworker/json-schema/package.json").license')
test "$license" = MIT || { echo "licence de @cfworker/json-schema : $license (attendu MIT)" >&2; exit 1; }
cat >"$out/json-schema/LICENSE" <<LICENCE
MIT License (déclarée par le champ "license" du package.json de @cfworker/json-schema ;
le paquet npm ne contient pas de fichier de licence)

Copyright (c) $author

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENCE

# Les versions copiées, pour qui lit le dossier.
node -e '
const v = n => require(`./node_modules/${n}/package.json`).version;
console.log(`js-yaml ${v("js-yaml")}\n@cfworker/json-schema ${v("@cfworker/json-schema")}`);
console.log(`markdown-it ${v("markdown-it")}`);
' >"$out/VERSIONS"
cat "$out/VERSIONS"
