// Lint: the recommended rules of ESLint and typescript-eslint, type-aware where it matters.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'out/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Math's transcendental functions give other bits on other machines and Node lines: Node 24's
    // Math.pow is another library's, and Linux arm64 builds of V8 fuse multiply-adds in fdlibm's C.
    // The project's numbers take its own transcriptions (src/engine/pow.ts, exp-log.ts, log1p.ts,
    // hyperbolic.ts, trig.ts, cbrt.ts), the same bits everywhere. Squares (`x ** 2`, exactly x * x
    // everywhere) and literal powers stay; charts and number formatting are display only.
    files: ['src/**/*.ts'],
    ignores: ['src/charts/**', 'src/format.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'pow', message: 'Math.pow differs between Node lines: use pow from src/engine/pow.ts.' },
        ...['exp', 'log', 'log2', 'log10'].map((property) => ({ object: 'Math', property, message: `Math.${property} differs between machines (Linux arm64 builds fuse multiply-adds): use ${property} from src/engine/exp-log.ts.` })),
        { object: 'Math', property: 'log1p', message: 'Math.log1p differs between machines: use log1p from src/engine/log1p.ts.' },
        ...['expm1', 'tanh', 'atanh'].map((property) => ({ object: 'Math', property, message: `Math.${property} differs between machines: use ${property} from src/engine/hyperbolic.ts.` })),
        ...['sin', 'cos', 'tan', 'atan'].map((property) => ({ object: 'Math', property, message: `Math.${property} differs between machines: use ${property} from src/engine/trig.ts.` })),
        { object: 'Math', property: 'cbrt', message: 'Math.cbrt differs between machines: use cbrt from src/engine/cbrt.ts.' },
        ...['sinh', 'cosh', 'asinh', 'acosh', 'asin', 'acos', 'atan2', 'hypot'].map((property) => ({ object: 'Math', property, message: `Math.${property} differs between machines: the project has no portable ${property} yet; write one (as src/engine/exp-log.ts does) before a result depends on it.` })),
      ],
      'no-restricted-syntax': ['error', {
        selector: "BinaryExpression[operator='**']:not([right.type='Literal'][right.value=2]):not([left.type='Literal'][right.type='Literal'])",
        message: '** differs between Node lines: use pow from src/engine/pow.ts (x ** 2 and literal ** literal are allowed).',
      }],
    },
  },
  {
    // Plain Node scripts (scripts/*.mjs, bench/peers/k1.mjs): the Node globals they use.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
);
