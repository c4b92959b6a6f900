// custom-elements.json for @nectar/widgets, generated from the JSDoc on the widget classes by
// @custom-elements-manifest/analyzer. Regenerate with `node scripts/docs.mjs` (it also writes the VS Code
// custom data and the JetBrains web-types from the manifest, and formats them); `npx cem analyze` in this
// folder gives the same manifest unformatted.
//
// Plugins (ours, after the analyzer's own and its Lit support):
// - define(): a `define('nectar-x', NectarX)` call (src/internal/define.ts) gives the class its tagName and
//   the module a `custom-element-definition` export, as `customElements.define` would.
// - events: every event is the class in src/events.ts that fires it (`type`), with its `detail` type.
// - css properties: each `--nectar-*` gets its default (and its dark-theme default) from the styles.
// - public API only: private, protected, `_`-prefixed, `#` and `@internal` members, statics and Lit's
//   lifecycle are removed; `@internal` classes (the ticket form's order picker) are left out.
// - checks: the build fails when a class's JSDoc misses a `part` its templates render, an event it
//   dispatches, or a `--nectar-*` property its styles read (or documents one that does not exist).
// - paths: module paths point at the published `dist/*.js` files, not the TypeScript sources.
import fs from 'node:fs';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The files the manifest describes: the widgets, their registering modules, the events, the base class. */
function isAnalyzed(file) {
  const rel = file.replace(/\\/g, '/').replace(/^\.\//, '');
  if (/\.(test|fixture)\.ts$/.test(rel) || rel.endsWith('.d.ts')) return false;
  if (rel === 'src/events.ts' || rel === 'src/internal/nectar-element.ts') return true;
  const m = /^src\/([a-z-]+)\/([a-z-]+)(\.component)?\.ts$/.exec(rel);
  return !!m && m[1] === m[2];
}

/** Lit lifecycle and framework members that are not the element's API. */
const LIFECYCLE = new Set([
  'render',
  'update',
  'updated',
  'firstUpdated',
  'willUpdate',
  'shouldUpdate',
  'performUpdate',
  'scheduleUpdate',
  'requestUpdate',
  'createRenderRoot',
  'getUpdateComplete',
  'connectedCallback',
  'disconnectedCallback',
  'attributeChangedCallback',
  'adoptedCallback',
]);

const toDist = (p) =>
  typeof p === 'string' && /^\/?src\/.*\.ts$/.test(p) ? p.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js') : p;

/** Reads a relative import's target (with its `.ts` extension), or undefined when it is a package. */
function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  return target.replace(/^\.\//, '');
}

function readSource(rel) {
  return fs.readFileSync(path.join(here, rel), 'utf8');
}

/**
 * The source files whose templates and styles make a widget: the component file and what it imports
 * locally, but not other widgets, the events, i18n catalogs or controllers that render nothing.
 */
function widgetFiles(componentFile) {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel) || !fs.existsSync(path.join(here, rel))) return;
    seen.add(rel);
    const text = readSource(rel);
    for (const m of text.matchAll(/^\s*import\s+(?:type\s)?[^'"]*?['"]([^'"]+)['"]/gm)) {
      if (/^import\s+type\s/.test(m[0].trim())) continue;
      const target = resolveImport(rel, m[1]);
      if (!target) continue;
      if (/^src\/(i18n|internal\/controllers)\//.test(target) || target === 'src/events.ts') continue;
      if (/\.component\.ts$/.test(target) && target !== componentFile) continue;
      if (/^src\/([a-z-]+)\/\1\.ts$/.test(target)) continue; // another widget's registering module
      visit(target);
    }
    // What the widget imports lazily from its own folder renders in its shadow root too (the form's
    // confirmation comes with its check, `ticket-form/validate.ts`).
    for (const m of text.matchAll(/\bimport\(\s*['"](\.\/[^'"]+)['"]\s*\)/g)) {
      const target = resolveImport(rel, m[1]);
      if (target) visit(target);
    }
  };
  visit(componentFile);
  return [...seen];
}

/** `part` names a widget renders (`part="a b"` in templates, `setAttribute('part', 'a')`). */
function renderedParts(files) {
  const parts = new Set();
  for (const rel of files) {
    const text = readSource(rel);
    for (const m of text.matchAll(/\bpart=(?:"([^"$]+)"|'([^'$]+)'|([\w-]+))/g)) {
      for (const p of (m[1] ?? m[2] ?? m[3]).split(/\s+/)) if (p) parts.add(p);
    }
    for (const m of text.matchAll(/setAttribute\(\s*'part',\s*'([^']+)'\s*\)/g)) parts.add(m[1]);
  }
  return parts;
}

/**
 * The `--nectar-*` properties a widget's styles read, each with its fallback(s): `light` (the first
 * one outside a dark-scheme rule) and `dark`.
 */
function styleTokens(files) {
  const tokens = new Map(); // name -> { light: string[], dark: string[] }
  const aliases = new Map(); // --_x -> --nectar-y
  const usedAliases = new Set();
  const templates = [];
  for (const rel of files) {
    const text = readSource(rel);
    if (!/css`|Css = `/.test(text) && !/var\(--/.test(text)) {
      templates.push(text);
      continue;
    }
    templates.push(text);
    for (const m of text.matchAll(/(--_[\w-]+)\s*:\s*var\(\s*(--nectar-[\w-]+)/g)) aliases.set(m[1], m[2]);
    for (const m of text.matchAll(/var\(\s*(--_[\w-]+)\s*\)/g)) usedAliases.add(m[1]);
    for (const m of text.matchAll(/var\(\s*(--nectar-[\w-]+)\s*,\s*/g)) {
      const fallback = readFallback(text, m.index + m[0].length);
      const before = text.slice(0, m.index);
      const ruleStart = Math.max(before.lastIndexOf('}'), 0);
      const context = before.slice(ruleStart);
      const dark = /dark/.test(context);
      const entry = tokens.get(m[1]) ?? { light: [], dark: [] };
      const list = dark ? entry.dark : entry.light;
      if (!list.includes(fallback)) list.push(fallback);
      tokens.set(m[1], entry);
    }
  }
  return { tokens, aliases, usedAliases, source: templates.join('\n') };
}

/** The fallback of `var(--x, <fallback>)` from `start`, with nested parentheses, whitespace collapsed. */
function readFallback(text, start) {
  let depth = 0;
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return text
    .slice(start, i)
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .trim();
}

/**
 * Which `--nectar-*` properties affect a widget: read directly by its own styles, or through a private
 * alias (`--_accent`) that its styles or the shared base rules it renders use.
 */
function usedTokens(files) {
  const { tokens, aliases, source } = styleTokens(files);
  const own = files.filter((f) => f !== 'src/internal/styles.ts');
  const ownStyles = styleTokens(own);
  const used = new Set();
  // Read directly outside an alias definition (e.g. `z-index: var(--nectar-z-index, …)`).
  for (const rel of files) {
    const text = readSource(rel);
    for (const m of text.matchAll(/(?<!--_[\w-]+\s*:\s*)var\(\s*(--nectar-[\w-]+)/g)) used.add(m[1]);
  }
  for (const alias of ownStyles.usedAliases) if (aliases.has(alias)) used.add(aliases.get(alias));
  if (files.includes('src/internal/styles.ts')) {
    // The shared base rules every Lit widget renders: its surface (text, background, font), buttons
    // (accent, radius, spacing), focus rings; primary buttons and alerts where the templates have them.
    for (const a of ['--_accent', '--_text', '--_bg', '--_radius', '--_space', '--_font']) used.add(aliases.get(a));
    if (/class="[^"]*\bprimary\b/.test(source)) used.add(aliases.get('--_on-accent'));
    if (/class="[^"]*\balert\b/.test(source)) used.add(aliases.get('--_surface'));
    if (/class="[^"]*\balert danger\b/.test(source)) used.add(aliases.get('--_danger'));
    if (/class="[^"]*\balert success\b/.test(source)) used.add(aliases.get('--_success'));
  }
  used.delete(undefined);
  return { used, tokens };
}

/** The event classes of src/events.ts: event name -> { className, detail }. */
function readEvents(ts) {
  const text = readSource('src/events.ts');
  const file = ts.createSourceFile('src/events.ts', text, ts.ScriptTarget.ES2022, true);
  const interfaces = new Map();
  const events = new Map();
  for (const node of file.statements) {
    if (ts.isInterfaceDeclaration(node)) {
      const members = node.members.map((m) => m.getText(file).replace(/\s+/g, ' ').replace(/;$/, ''));
      interfaces.set(node.name.text, `{ ${members.join('; ')} }`);
    }
  }
  for (const node of file.statements) {
    if (!ts.isClassDeclaration(node) || !node.name) continue;
    let name;
    let detail;
    for (const member of node.members) {
      if (ts.isPropertyDeclaration(member) && member.name.getText(file) === 'detail' && member.type) {
        detail = member.type.getText(file).replace(/\s+/g, ' ');
      }
      if (ts.isConstructorDeclaration(member)) {
        const visit = (n) => {
          if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) {
            const first = n.arguments[0];
            if (first && ts.isStringLiteral(first)) name = first.text;
          }
          ts.forEachChild(n, visit);
        };
        visit(member);
      }
    }
    if (name) events.set(name, { className: node.name.text, detail: interfaces.get(detail) ?? detail });
  }
  return events;
}

function hasTag(node, tag) {
  return (node.jsDoc ?? []).some((doc) => (doc.tags ?? []).some((t) => t.tagName?.text === tag));
}

/** `define('nectar-x', NectarX)`: the analyzer's `customElements.define` handling, for our helper. */
function definePlugin() {
  return {
    name: 'nectar-define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      const file = node.getSourceFile();
      let module = moduleDoc.path;
      for (const statement of file.statements) {
        if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
        const bindings = statement.importClause.namedBindings;
        if (!ts.isNamedImports(bindings) || !bindings.elements.some((e) => e.name.text === klass.text)) continue;
        module = resolveImport(moduleDoc.path, statement.moduleSpecifier.text) ?? module;
      }
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module } },
      ];
    },
  };
}

/** Classes marked `@internal` (and their definitions) are left out of the manifest. */
function internalClassesPlugin() {
  const internal = new Set();
  return {
    name: 'nectar-internal-classes',
    analyzePhase({ ts, node }) {
      if (ts.isClassDeclaration(node) && node.name && hasTag(node, 'internal')) internal.add(node.name.text);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.declarations = (mod.declarations ?? []).filter((d) => !internal.has(d.name));
        mod.exports = (mod.exports ?? []).filter((e) => !internal.has(e.declaration?.name));
      }
      customElementsManifest.modules = customElementsManifest.modules.filter(
        (mod) => mod.declarations.length > 0 || mod.exports.some((e) => e.kind === 'custom-element-definition'),
      );
    },
  };
}

/** Members that are not the public API, read from the source (privacy, `@internal`). */
function publicApiPlugin() {
  const hidden = new Map(); // class name -> Set of member names
  const declared = new Map(); // class name -> Set of member names declared in its body
  return {
    name: 'nectar-public-api',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const names = hidden.get(node.name.text) ?? new Set();
      const own = declared.get(node.name.text) ?? new Set();
      for (const member of node.members) {
        const name = member.name?.getText();
        if (!name) continue;
        own.add(name);
        const mods = ts.getCombinedModifierFlags(member);
        if (
          mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static) ||
          name.startsWith('#') ||
          name.startsWith('_') ||
          hasTag(member, 'internal')
        ) {
          names.add(name);
        }
      }
      hidden.set(node.name.text, names);
      declared.set(node.name.text, own);
    },
    packageLinkPhase({ customElementsManifest }) {
      const isHidden = (klass, m) =>
        m.static ||
        m.privacy === 'private' ||
        m.privacy === 'protected' ||
        m.name.startsWith('_') ||
        m.name.startsWith('#') ||
        LIFECYCLE.has(m.name) ||
        // The analyzer also reads `other.x = …` in a constructor as a field; keep what the class declares.
        (!m.inheritedFrom && declared.has(klass.name) && !declared.get(klass.name).has(m.name)) ||
        hidden.get(klass.name)?.has(m.name) ||
        (m.inheritedFrom && hidden.get(m.inheritedFrom.name)?.has(m.name));
      for (const mod of customElementsManifest.modules) {
        for (const klass of mod.declarations ?? []) {
          if (klass.kind !== 'class') continue;
          if (klass.members) klass.members = klass.members.filter((m) => !isHidden(klass, m));
          if (klass.attributes) {
            klass.attributes = klass.attributes.filter(
              (a) => !a.fieldName || !isHidden(klass, { name: a.fieldName, inheritedFrom: a.inheritedFrom }),
            );
          }
        }
      }
    },
  };
}

/**
 * Events: the analyzer finds `this.dispatchEvent(new NectarXEvent(…))` calls without a name; the JSDoc
 * names them. Each documented event gets its class (`type`) and `detail` type from src/events.ts.
 */
function eventsPlugin(problems) {
  let events;
  return {
    name: 'nectar-events',
    initialize({ ts }) {
      events = readEvents(ts);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const klass of mod.declarations ?? []) {
          if (klass.kind !== 'class' || !klass.tagName || !klass.events) continue;
          klass.events = klass.events
            .filter((e) => e.name)
            .map((e) => {
              const known = events.get(e.name);
              if (!known) {
                problems.push(`${klass.tagName}: @event ${e.name} is not one of the events in src/events.ts`);
                return e;
              }
              return {
                name: e.name,
                type: { text: known.className },
                ...(known.detail ? { detail: { text: known.detail } } : {}),
                description: e.description ?? '',
                ...(e.inheritedFrom ? { inheritedFrom: e.inheritedFrom } : {}),
              };
            });
        }
      }
    },
  };
}

/**
 * Checks each widget's JSDoc against its source, and fills each `--nectar-*` property's default from
 * the styles (the light theme's; the dark theme's default is added to the description).
 */
function completenessPlugin(problems) {
  let events;
  return {
    name: 'nectar-completeness',
    initialize({ ts }) {
      events = readEvents(ts);
    },
    packageLinkPhase({ customElementsManifest }) {
      const byClass = new Map([...events].map(([name, e]) => [e.className, name]));
      for (const mod of customElementsManifest.modules) {
        for (const klass of mod.declarations ?? []) {
          if (klass.kind !== 'class' || !klass.tagName) continue;
          const componentFile = mod.path.replace(/^\//, '');
          const files = widgetFiles(componentFile);
          const tag = klass.tagName;
          if (!klass.description?.trim()) problems.push(`${tag}: the class has no description`);

          const documentedParts = new Set((klass.cssParts ?? []).map((p) => p.name));
          for (const part of renderedParts(files)) {
            if (!documentedParts.has(part)) problems.push(`${tag}: part "${part}" is rendered but has no @csspart`);
          }
          for (const part of documentedParts) {
            if (!renderedParts(files).has(part)) problems.push(`${tag}: @csspart ${part} is never rendered`);
          }
          for (const p of klass.cssParts ?? []) {
            if (!p.description) problems.push(`${tag}: @csspart ${p.name} has no description`);
          }

          const documentedEvents = new Set((klass.events ?? []).map((e) => e.name));
          const source = files.map(readSource).join('\n');
          for (const m of source.matchAll(/new (Nectar\w+Event)\(/g)) {
            const name = byClass.get(m[1]);
            if (name && !documentedEvents.has(name)) problems.push(`${tag}: dispatches ${name} without an @event`);
          }
          for (const e of klass.events ?? []) {
            if (!e.description) problems.push(`${tag}: @event ${e.name} has no description`);
          }

          const { used, tokens } = usedTokens(files);
          const documented = new Map((klass.cssProperties ?? []).map((p) => [p.name, p]));
          for (const name of used) {
            if (!documented.has(name)) problems.push(`${tag}: its styles read ${name} but it has no @cssprop`);
          }
          for (const [name, prop] of documented) {
            if (!used.has(name) || !tokens.has(name)) {
              problems.push(`${tag}: @cssprop ${name} is not read by its styles`);
              continue;
            }
            if (!prop.description) problems.push(`${tag}: @cssprop ${name} has no description`);
            const { light, dark } = tokens.get(name);
            if (prop.default !== undefined && !light.includes(prop.default)) {
              problems.push(`${tag}: @cssprop ${name} default ${prop.default} is not a fallback in its styles`);
            }
            prop.default ??= light[0];
            const darkDefault = dark.find((d) => d !== prop.default);
            if (darkDefault && !/dark theme/i.test(prop.description ?? '')) {
              prop.description = `${prop.description ?? ''} Dark theme default: \`${darkDefault}\`.`.trim();
            }
          }
          klass.cssProperties?.sort((a, b) => a.name.localeCompare(b.name));

          for (const member of klass.members ?? []) {
            if (!member.description?.trim())
              problems.push(`${tag}: public ${member.kind} ${member.name} has no description`);
          }
          for (const attr of klass.attributes ?? []) {
            if (!attr.description?.trim()) problems.push(`${tag}: attribute ${attr.name} has no description`);
          }
        }
      }
    },
  };
}

/**
 * Module exports as the published modules have them: a re-exported class points at the module that
 * declares it, type-only exports (which are no runtime export) are left out, and a property typed with a
 * local type alias (`view: PanelView`) shows the alias's union.
 */
function exportsPlugin() {
  const perModule = new Map(); // path -> { imports: Map<name, module>, typeOnly: Set<name>, aliases: Map }
  return {
    name: 'nectar-exports',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isSourceFile(node)) return;
      const info = { imports: new Map(), typeOnly: new Set(), aliases: new Map() };
      for (const statement of node.statements) {
        if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings) {
          const bindings = statement.importClause.namedBindings;
          const target = resolveImport(moduleDoc.path, statement.moduleSpecifier.text);
          if (target && ts.isNamedImports(bindings)) {
            for (const e of bindings.elements) info.imports.set(e.name.text, target);
          }
        }
        if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
          for (const e of statement.exportClause.elements) {
            if (statement.isTypeOnly || e.isTypeOnly) info.typeOnly.add(e.name.text);
          }
        }
        if (ts.isTypeAliasDeclaration(statement)) {
          info.aliases.set(statement.name.text, statement.type.getText(node).replace(/\s+/g, ' '));
        }
      }
      perModule.set(moduleDoc.path, info);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const info = perModule.get(mod.path);
        if (!info) continue;
        mod.exports = (mod.exports ?? []).filter((e) => !info.typeOnly.has(e.name));
        for (const e of mod.exports) {
          if (e.kind === 'js' && e.declaration?.module === mod.path && info.imports.has(e.declaration.name)) {
            e.declaration.module = info.imports.get(e.declaration.name);
          }
        }
        for (const klass of mod.declarations ?? []) {
          for (const item of [...(klass.members ?? []), ...(klass.attributes ?? [])]) {
            const alias = item.type && info.aliases.get(item.type.text);
            if (alias) item.type = { text: alias };
          }
        }
      }
    },
  };
}

/** An attribute declared with `@attr` that a property of the same name reads (the launcher's) is linked to it. */
function linkAttributesPlugin() {
  return {
    name: 'nectar-link-attributes',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const klass of mod.declarations ?? []) {
          for (const attr of klass.attributes ?? []) {
            const field = (klass.members ?? []).find((m) => m.kind === 'field' && m.name === attr.name);
            if (attr.fieldName || !field || field.attribute) continue;
            attr.fieldName = field.name;
            field.attribute = attr.name;
          }
        }
      }
    },
  };
}

/** The base class's module and the links to it are dropped; paths point at the published files. */
function publishedPathsPlugin() {
  const rewrite = (value) => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    for (const [k, v] of Object.entries(value)) {
      value[k] = (k === 'path' || k === 'module') && typeof v === 'string' ? toDist(v.replace(/^\//, '')) : rewrite(v);
    }
    return value;
  };
  return {
    name: 'nectar-published-paths',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter(
        (mod) => mod.path !== 'src/internal/nectar-element.ts',
      );
      for (const mod of customElementsManifest.modules) {
        for (const klass of mod.declarations ?? []) {
          for (const list of ['members', 'attributes', 'events', 'cssProperties', 'cssParts', 'slots']) {
            for (const item of klass[list] ?? []) {
              if (item.inheritedFrom?.name === 'NectarElement') delete item.inheritedFrom;
            }
          }
        }
      }
      rewrite(customElementsManifest);
    },
  };
}

/** Fails the run when a check found something (the analyzer would otherwise write a partial manifest). */
function reportPlugin(problems) {
  return {
    name: 'nectar-report',
    packageLinkPhase() {
      if (problems.length && !process.env.NECTAR_CEM_LENIENT) {
        throw new Error(`custom-elements.json: the JSDoc is incomplete:\n  ${problems.join('\n  ')}`);
      }
    },
  };
}

const problems = [];

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.fixture.ts', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  overrideModuleCreation({ ts, globs }) {
    problems.length = 0;
    return globs
      .filter(isAnalyzed)
      .sort()
      .map((glob) => ts.createSourceFile(glob, readSource(glob), ts.ScriptTarget.ES2022, true));
  },
  plugins: [
    definePlugin(),
    internalClassesPlugin(),
    publicApiPlugin(),
    exportsPlugin(),
    linkAttributesPlugin(),
    eventsPlugin(problems),
    completenessPlugin(problems),
    publishedPathsPlugin(),
    reportPlugin(problems),
  ],
};
