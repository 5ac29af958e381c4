// React Flow's screen-reader texts in French (its defaults are English).
import type { AriaLabelConfig } from '@xyflow/react';

export const FRENCH_ARIA: Partial<AriaLabelConfig> = {
  'node.a11yDescription.default':
    'Appuyez sur Entrée ou Espace pour sélectionner une étape. Appuyez sur Suppr pour la retirer et Échap pour annuler la sélection.',
  'node.a11yDescription.keyboardDisabled': 'Appuyez sur Entrée ou Espace pour sélectionner une étape.',
  'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => `Étape déplacée vers ${direction === 'left' ? 'la gauche' : direction === 'right' ? 'la droite' : direction === 'up' ? 'le haut' : 'le bas'}, position x ${x}, y ${y}`,
  'edge.a11yDescription.default': 'Appuyez sur Entrée ou Espace pour sélectionner une transition. Appuyez sur Suppr pour la retirer et Échap pour annuler la sélection.',
  'controls.ariaLabel': 'Commandes du diagramme',
  'controls.zoomIn.ariaLabel': 'Zoomer',
  'controls.zoomOut.ariaLabel': 'Dézoomer',
  'controls.fitView.ariaLabel': 'Ajuster à la fenêtre',
  'controls.interactive.ariaLabel': 'Verrouiller ou déverrouiller le diagramme',
  'minimap.ariaLabel': 'Vue d’ensemble',
  'handle.ariaLabel': 'Point de connexion',
};
