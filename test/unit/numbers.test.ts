// Numbers as the locale writes them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber, formatPercent } from '../../server/src/core/numbers';
import { matrixMarkdown } from '../../server/src/core/outputs/statistics';

test('Dutch numbers have a decimal comma and a thousands point; English the other way round', () => {
  assert.equal(formatPercent(79, 'nl'), '79,0 %');
  assert.equal(formatPercent(79, 'en'), '79.0 %');
  assert.equal(formatPercent(12.345, 'nl', 2), '12,35 %');
  assert.equal(formatNumber(1_000_000, 'nl'), '1.000.000');
  assert.equal(formatNumber(1_000_000, 'en'), '1,000,000');
  assert.equal(formatNumber(0.5, 'nl', 3), '0,500');
});

test('the aspect × practice shares in Dutch', () => {
  const stats = { aspects: [{ code: 'intentie', name: 'Intentie' }], practices: [{ practice: 'a', label: 'a' }, { practice: 'b', label: 'b' }], matrix: [[3, 0]], practiceTotals: [4, 0] };
  assert.equal(matrixMarkdown(stats, 'share', 'nl').split('\n')[2], '| Intentie | 75,0 % | – |');
  assert.equal(matrixMarkdown(stats, 'share', 'en').split('\n')[2], '| Intentie | 75.0 % | – |');
});
