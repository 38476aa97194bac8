/* A search box and a list of the chosen items for the checkbox multi-select
 * (content/widgets.py), as a Stimulus controller on Wagtail's own Stimulus application. Without
 * JavaScript the checkboxes work on their own. */
(() => {
  const { Controller } = window.StimulusModule;
  const normalise = (text) =>
    text
      .toLowerCase()
      .replaceAll('æ', 'ae')
      .replaceAll('ø', 'oe')
      .replaceAll('å', 'aa')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');

  class MultiSelectController extends Controller {
    static targets = ['search', 'query', 'count', 'chosen', 'options', 'group', 'item'];
    static values = { noun: String };

    connect() {
      this.searchTarget.hidden = false;
      this.optionsTarget.addEventListener('change', () => this.renderChosen());
      this.renderChosen();
    }

    filter() {
      const words = normalise(this.queryTarget.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      this.itemTargets.forEach((item) => {
        const text = normalise(item.textContent);
        const match = words.every((word) => text.includes(word));
        item.hidden = !match;
        if (match) shown += 1;
      });
      this.groupTargets.forEach((group) => {
        const visible = group.querySelector('li:not([hidden])');
        const groupMatch = words.length && words.every((w) => normalise(group.querySelector('legend').textContent).includes(w));
        if (groupMatch) group.querySelectorAll('li').forEach((li) => { li.hidden = false; });
        group.hidden = !visible && !groupMatch;
      });
      if (words.length) {
        shown = this.itemTargets.filter((item) => !item.hidden).length;
        this.countTarget.textContent = `${shown} ${this.nounValue} passer på søgningen`;
      } else {
        this.countTarget.textContent = '';
      }
    }

    keydown(event) {
      // Enter in the search box chooses the first match instead of submitting the page form.
      if (event.key !== 'Enter') return;
      event.preventDefault();
      const first = this.itemTargets.find((item) => !item.hidden);
      const box = first && first.querySelector('input[type=checkbox]');
      if (box) {
        box.checked = !box.checked;
        box.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }

    renderChosen() {
      const boxes = Array.from(this.optionsTarget.querySelectorAll('input[type=checkbox]:checked'));
      this.chosenTarget.replaceChildren();
      if (!boxes.length) {
        this.chosenTarget.textContent = `Ingen ${this.nounValue} valgt.`;
        return;
      }
      const list = document.createElement('ul');
      list.setAttribute('aria-label', `Valgte ${this.nounValue}`);
      boxes.forEach((box) => {
        const label = this.optionsTarget.querySelector(`label[for="${box.id}"]`) || box.closest('label');
        const name = label ? label.textContent.trim() : box.value;
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button button-small button-secondary';
        button.textContent = `Fjern ${name}`;
        button.addEventListener('click', () => {
          box.checked = false;
          box.dispatchEvent(new Event('change', { bubbles: true }));
          this.queryTarget.focus();
        });
        item.append(button);
        list.append(item);
      });
      this.chosenTarget.append(list);
    }
  }

  window.wagtail.app.register('pb-multiselect', MultiSelectController);
})();
