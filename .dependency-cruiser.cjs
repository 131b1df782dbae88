/**
 * Layer rules, checked by `npm run lint` (dependency-cruiser). Imports point down only:
 *
 *   engine ← model ← pack ← experiment ← calibration ← scenarios, claims ← server, cli ← index (library)
 *
 * pack/ reads the country packs (`packs/<name>/`: data, not code) for the layers above it; the
 * model never reads a pack, it is handed what a pack says.
 * A folder may import its own layer and any layer below it (scenarios/ may import calibration/,
 * never the reverse). Peers do not import each other (scenarios ↔ claims, server → cli), except
 * that the CLI starts the server (`serve`), so cli → server is allowed. What two upper layers
 * share moves down to the layer that owns it (the package version and number formatting to
 * experiment/, the backtest's replication limit to calibration/). `src/index.ts` is the library
 * entry point: it stands on scenarios/claims and below, never on the CLI or the server, and
 * nothing in src imports it. Tests and test-support may import any layer (a model test may load a
 * built-in scenario). The dashboard (web/) talks to the server over HTTP: it imports types from
 * src, and at run time only code that runs in a browser (never cli/ or server/, except the
 * constants the page and the server share in server/dashboard-defaults.ts). No import cycles
 * (in src/model, none at run time: see the rule below).
 */
const LAYERS = [
  ['engine'],
  ['model'],
  ['pack'],
  ['experiment'],
  ['calibration'],
  ['scenarios', 'claims'],
  ['server', 'cli'],
];

/** Folders a folder of layer `index` may import: its own and every lower layer's. */
function allowedFor(folder, index) {
  const below = LAYERS.slice(0, index).flat();
  const extra = folder === 'cli' ? ['server'] : [];
  return [folder, ...below, ...extra];
}

const NOT_TESTS = '\\.test\\.ts$|/test-support(/|\\.ts$)';

const layerRules = LAYERS.flatMap((layer, index) =>
  layer.map((folder) => ({
    name: `layer-${folder}`,
    comment: `src/${folder} may import only ${allowedFor(folder, index).join(', ')} (imports point down the layers)`,
    severity: 'error',
    from: { path: `^src/${folder}/`, pathNot: NOT_TESTS },
    to: { path: '^src/', pathNot: `^src/(${allowedFor(folder, index).join('|')})/` },
  })),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import cycle ties modules together so neither can be understood or moved alone',
      severity: 'error',
      from: { pathNot: '^src/model/' },
      to: { circular: true },
    },
    {
      // The model's stage files and world.ts / parameters.ts / schema.ts name each other's types
      // (the world holds every stage's state; each stage takes the world). Those type-only cycles
      // go with the small stage interface of the country-pack move; run-time cycles are refused.
      name: 'no-circular-at-run-time',
      comment: 'an import cycle that is not type-only (module initialisation order would matter)',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...layerRules,
    {
      name: 'layer-index',
      comment: 'the library entry point stands on scenarios/claims and below: no CLI, no server',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/(cli|server)/' },
    },
    {
      name: 'index-is-the-top',
      comment: 'src/index.ts is for users of the library; nothing in src imports it',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'web-over-http',
      comment: 'web/ reaches the CLI and the server over HTTP: types only (and the shared dashboard defaults)',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/(cli|server)/', pathNot: '^src/server/dashboard-defaults\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|web/dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts'],
    },
  },
};
