import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { HandlerNotFound, ImportModuleError, MalformedHandlerName, UserCodeSyntaxError } from './errors.mjs';

const require = createRequire(import.meta.url);

/**
 * Loads the function named by a handler string such as "src/app.handler" or "index.nested.fn":
 * the directory part is relative to the task root, the file name runs up to the first dot of the
 * last path segment, and the rest is a property path into the module's exports.
 */
export async function loadHandler(taskRoot, handlerString) {
  if (typeof handlerString !== 'string' || handlerString === '') {
    throw new MalformedHandlerName('Bad handler');
  }
  if (handlerString.includes('..')) {
    throw new MalformedHandlerName(
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const fileAndExport = path.basename(handlerString);
  const moduleDir = handlerString.slice(0, handlerString.length - fileAndExport.length);
  const match = /^([^.]*)\.(.*)$/.exec(fileAndExport);
  if (!match) throw new MalformedHandlerName('Bad handler');
  const [, moduleName, exportPath] = match;

  const userModule = await loadModule(path.resolve(taskRoot, moduleDir), moduleName, taskRoot);
  const handler = exportPath.split('.').reduce((value, key) => value && value[key], userModule);
  if (!handler) throw new HandlerNotFound(`${handlerString} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerNotFound(`${handlerString} is not a function`);
  return handler;
}

async function loadModule(dir, moduleName, taskRoot) {
  try {
    return await resolveAndLoad(dir, moduleName, taskRoot);
  } catch (err) {
    if (err instanceof SyntaxError) throw new UserCodeSyntaxError(err);
    if (err?.code === 'MODULE_NOT_FOUND' || err?.code === 'ERR_MODULE_NOT_FOUND') throw new ImportModuleError(err);
    throw err;
  }
}

// The probing order is AWS's, so a package that loads there loads here, as the same module kind.
async function resolveAndLoad(dir, moduleName, taskRoot) {
  const base = path.join(dir, moduleName);
  if (fs.existsSync(base)) return require(base);

  const jsIsModule = fs.existsSync(base + '.js') && isInModulePackage(path.dirname(base + '.js'));
  if (!jsIsModule && fs.existsSync(base + '.js')) return require(base + '.js');
  if (jsIsModule) return importFile(base + '.js');
  if (fs.existsSync(base + '.mjs')) return importFile(base + '.mjs');
  if (fs.existsSync(base + '.cjs')) return require(base + '.cjs');

  // Last resort, as on AWS: a package name resolvable from the task root (node_modules, NODE_PATH).
  return require(require.resolve(moduleName, { paths: [taskRoot, dir] }));
}

function importFile(file) {
  return import(pathToFileURL(file).href);
}

/** Whether the nearest package.json above `dir` says "type": "module"; node_modules boundaries stop the search. */
function isInModulePackage(dir) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (current.endsWith(`${path.sep}node_modules`)) return false;
    const manifest = path.join(current, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, 'utf8'))?.type === 'module';
      } catch (err) {
        console.warn(`${manifest} cannot be read, it will be ignored for ES module detection purposes.`, err);
        return false;
      }
    }
    if (path.dirname(current) === current) return false;
  }
}
