import { h } from './dom.js';

/** A modal `<dialog>` asking `question`; focus starts on "Annullér", Escape cancels. Resolves true for `yes`. */
export function confirmDialog(question: string, yes: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-q' });
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const cancel = h('button', { type: 'button', class: 'btn secondary', onclick: () => done(false) }, 'Annullér');
    dialog.append(
      h('p', { id: 'confirm-q' }, question),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: 'btn danger', onclick: () => done(true) }, yes),
        cancel,
      ),
    );
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
