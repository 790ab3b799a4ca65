// The shapes that show a fragment's codes: each code's colour, the stripes under inline words and
// the gutter bars beside lines.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { fragmentColors, gutterBarsSvg, stripeShadow } from '../../client/src/stripes';

test('each code of a fragment has its colour: the one colour of a single code, else one per code', () => {
  assert.deepEqual(fragmentColors({ codes: ['intentie'], color: '#4E79A7' }), ['#4E79A7']);
  assert.deepEqual(fragmentColors({ codes: ['onbekend'] }), [undefined]);
  assert.deepEqual(fragmentColors({ codes: ['intentie', 'onbekend', 'context'], color: '#4E79A7', colors: ['#4E79A7', null, '#F28E2B'] }), [
    '#4E79A7',
    undefined,
    '#F28E2B',
  ]);
});

test('one stripe per code right below the words, the first nearest', () => {
  assert.equal(stripeShadow(['#4e79a7']), '0 2px 0 0 #4e79a7');
  assert.equal(stripeShadow(['#4e79a7', '#f28e2b', '#59a14f']), '0 2px 0 0 #4e79a7, 0 4px 0 0 #f28e2b, 0 6px 0 0 #59a14f');
});

test('one gutter bar per code, centred, narrower when many', () => {
  const open = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16" preserveAspectRatio="none">';
  assert.equal(gutterBarsSvg(['#4e79a7']), `${open}<rect x="6.5" y="0" width="3" height="16" fill="#4e79a7"/></svg>`);
  assert.equal(
    gutterBarsSvg(['#4e79a7', '#f28e2b']),
    `${open}<rect x="4.5" y="0" width="3" height="16" fill="#4e79a7"/><rect x="8.5" y="0" width="3" height="16" fill="#f28e2b"/></svg>`,
  );
  const six = gutterBarsSvg(['#000000', '#111111', '#222222', '#333333', '#444444', '#555555']);
  assert.equal([...six.matchAll(/width="1.83"/g)].length, 6);
  assert.match(six, /<rect x="0" y="0" width="1.83" height="16" fill="#000000"\/>/);
  assert.match(six, /<rect x="14.17" y="0" width="1.83" height="16" fill="#555555"\/>/);
});
