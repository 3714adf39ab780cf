/* tilemap.js — the fourteen cities as tiles on a grid laid out like the province (north at the
 * top, Dalian at the tip of the peninsula, Dandong on the Yalu, Chaoyang and Huludao in the
 * west), placed by their division codes: no boundary data, so no map to approve. Each tile is
 * a link to its city, coloured by its verdict, reachable by keyboard. */
import { el, opens } from './dom.js';
import { cityName } from './vocab.js';

/* Each city's row and column (0-based) on a 6 × 5 grid. */
const GRID = {
  210900: [0, 1], 211200: [0, 4],
  211300: [1, 0], 210100: [1, 3], 210400: [1, 4],
  210700: [2, 1], 211100: [2, 2], 211000: [2, 3], 210500: [2, 4],
  211400: [3, 0], 210800: [3, 2], 210300: [3, 3], 210600: [3, 5],
  210200: [4, 2],
};

/* tile(code) says what a city's tile shows: { value, note, tone }. */
export function tileMap(codes, tile, hashOf) {
  const grid = el('div', { class: 'tilemap', role: 'list' });
  for (const code of codes) {
    const at = GRID[code];
    if (!at) continue;
    const x = tile(code);
    const e = el('div', { class: 'tile ' + (x.tone || 'none'), role: 'listitem', 'data-city': String(code), style: `grid-row:${at[0] + 1};grid-column:${at[1] + 1}`, 'aria-label': `${cityName(code)} ${x.value} ${x.note || ''}` },
      el('span', { class: 'name' }, cityName(code)), el('span', { class: 'value' }, x.value), x.note ? el('span', { class: 'note' }, x.note) : undefined);
    grid.append(opens(e, hashOf(code)));
  }
  return grid;
}
