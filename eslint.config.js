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
    // Math.pow and `**` changed between V8 versions (Node 22 and 24 differ in the last bit for
    // about 2% of arguments): the project's numbers take engine/pow.ts's pow, the same bits on
    // every Node line. Squares (`x ** 2`, exactly x * x everywhere) and powers of two literals stay.
    files: ['src/**/*.ts'],
    ignores: ['src/engine/pow.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Math', property: 'pow', message: 'Math.pow differs between Node lines: use pow from src/engine/pow.ts.' }],
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
