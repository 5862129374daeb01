// Write the SHA-256 of the panel's sources next to the prebuilt bundle, so a test can tell
// when the committed bundle is older than the sources (tests/test_lab_extension.py recomputes
// it the same way: sorted relative paths, each followed by its bytes with \r\n -> \n).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const inputs = ['package.json', 'tsconfig.json', 'src', 'schema', 'style'];

function walk(path) {
  return statSync(path).isDirectory()
    ? readdirSync(path).flatMap(name => walk(join(path, name)))
    : [path];
}

const files = inputs.flatMap(p => walk(join(root, p))).map(f => relative(root, f)).sort();
const hash = createHash('sha256');
for (const file of files) {
  hash.update(file.split('\\').join('/') + '\n');
  hash.update(readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n'));
}
writeFileSync(join(root, '../src/nbdatachat/labextension/sources.sha256'), hash.digest('hex') + '\n');
