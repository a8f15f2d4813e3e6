// A librarian's part of a book page: every copy by barcode with its status (marking one
// missing, withdrawn or available again, as inventory allows), new copies, and the stock
// for sale.
import { api, seg } from '../api.js';
import { clear, field, h, outlet, uid } from '../dom.js';
import { attempt } from '../outcome.js';
import type { Book, BookInventoryDetail, CopyStatus } from '../types.js';

/** The statuses a librarian may set by hand from each status (inventory's rule). */
const CHOICES: Record<CopyStatus, CopyStatus[]> = {
  available: ['missing', 'withdrawn'],
  'on-loan': ['missing'],
  'on-hold-shelf': ['missing'],
  missing: ['available', 'withdrawn'],
  withdrawn: ['available', 'missing'],
};

export function copiesSection(book: Book, inventory: BookInventoryDetail, refresh: () => Promise<BookInventoryDetail>): HTMLElement {
  const list = h('ul', { class: 'cards', 'aria-label': `Copies of ${book.title}` });
  const render = (detail: BookInventoryDetail) => clear(list, detail.barcodes.length ? detail.barcodes.map((copy) => copyRow(copy, reload)) : h('li', { class: 'note' }, 'No copies yet.'));
  const reload = async () => render(await refresh());
  render(inventory);

  const count = field('New copies', { name: 'count', type: 'number', inputmode: 'numeric', min: 1, max: 100, step: 1, value: 1, required: true });
  const addOut = outlet();
  const add = h('form', { class: 'inline' }, count.row, h('button', { type: 'submit' }, 'Add copies'));
  add.addEventListener('submit', (event) => {
    event.preventDefault();
    void attempt(add, addOut, async () => {
      const added = await api<{ barcodes: string[] }>(`/inventory/${seg(book.id)}/copies`, { method: 'POST', body: { count: Number(count.input.value) } });
      await reload();
      return `Added ${added.barcodes.join(', ')}.`;
    });
  });

  const stock = field('Units for sale', { name: 'stock', type: 'number', inputmode: 'numeric', min: 0, step: 1, value: inventory.stock, required: true });
  const stockOut = outlet();
  const setStock = h('form', { class: 'inline' }, stock.row, h('button', { type: 'submit' }, 'Set stock'));
  setStock.addEventListener('submit', (event) => {
    event.preventDefault();
    void attempt(setStock, stockOut, async () => {
      const answer = await api<{ stock: number }>(`/inventory/${seg(book.id)}/stock`, { method: 'PUT', body: { stock: Number(stock.input.value) } });
      await refresh();
      return `${answer.stock} for sale now.`;
    });
  });

  return h(
    'section',
    { 'aria-labelledby': 'copies-title' },
    h('h2', { id: 'copies-title' }, 'Copies and stock'),
    list,
    add,
    addOut,
    setStock,
    stockOut,
  );
}

function copyRow(copy: { barcode: string; status: CopyStatus }, reload: () => Promise<void>): HTMLElement {
  const id = uid('copy-status');
  const select = h('select', { id, name: 'status' }, h('option', { value: '' }, 'choose…'), CHOICES[copy.status].map((s) => h('option', { value: s }, s)));
  const out = outlet();
  const form = h('form', { class: 'inline' }, h('label', { for: id }, `Mark ${copy.barcode}`), select, h('button', { type: 'submit' }, 'Set'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!select.value) return;
    void attempt(form, out, async () => {
      await api(`/inventory/copies/${seg(copy.barcode)}`, { method: 'PATCH', body: { status: select.value } });
      await reload();
    });
  });
  return h('li', { class: 'card' }, h('p', {}, h('strong', {}, copy.barcode), ` — ${copy.status}`), form, out);
}
