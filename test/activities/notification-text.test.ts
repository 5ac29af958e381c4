import { describe, expect, it } from 'vitest';
import { emailOf, reminderText } from '../../activities/notification-text';

describe('e-mail subjects', () => {
  it('keep to one line without direction overrides, whatever the definition’s labels hold', () => {
    const text = reminderText({ label: 'Signer\nBcc: tous@exemple.fr', due: null });
    const mail = emailOf({ ...text, projectTitle: 'Projet \u202Efdp.exe', link: 'https://passerelle.example/projects/1' });
    expect(mail.subject).toBe('[Passerelle] Projet fdp.exe — Rappel : « Signer Bcc: tous@exemple.fr » est à faire');
    // The body keeps its lines.
    expect(mail.text.split('\n').length).toBeGreaterThan(2);
  });
});
