import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeGuid, readKaderId, stableGuid, withKaderId } from '../../server/src/core/outputs/exchange/kaderIds';

describe('Kader ids in REFI-QDA descriptions', () => {
  test('the id is the last line of the description, after a blank line', () => {
    assert.equal(withKaderId('Wat is de bedoeling?\n', 'intentie/gestuurd'), 'Wat is de bedoeling?\n\nKader: #intentie/gestuurd');
    assert.equal(withKaderId('', 'outcome'), 'Kader: #outcome');
  });

  test('reading gives the id back and the description without it', () => {
    assert.deepEqual(readKaderId('Wat is de bedoeling?\n\nKader: #intentie/gestuurd'), { id: 'intentie/gestuurd', description: 'Wat is de bedoeling?' });
    assert.deepEqual(readKaderId('Kader: #outcome'), { id: 'outcome', description: '' });
    assert.deepEqual(readKaderId('Eerst.\r\n\r\nKader: #space-en-place  \r\n'), { id: 'space-en-place', description: 'Eerst.' });
    for (const description of ['Wat is de bedoeling?', 'Kader: #intentie/gestuurd\n\nDaarna tekst.', 'Kader: #niet een code', 'Kader: #/leeg', '']) {
      assert.deepEqual(readKaderId(description), { description });
    }
  });

  test('a round trip through writer and reader restores id and description', () => {
    for (const [description, id] of [['Twee\n\nalinea’s.', 'actanten/beleid'], ['', 'intentie'], ['Kader: #oud', 'nieuw']] as const) {
      assert.deepEqual(readKaderId(withKaderId(description, id)), { id, description });
    }
  });

  test('a code’s GUID is derived from its id', () => {
    assert.equal(codeGuid('intentie/gestuurd'), stableGuid('code', 'intentie/gestuurd'));
    assert.notEqual(codeGuid('intentie/gestuurd'), codeGuid('intentie'));
  });
});
