"use client";

import { createContext } from "react";

/**
 * Where focus goes when a modal closes, for modals opened from something that is gone by
 * then (a menu item): its provider names the element, e.g. the menu's trigger button.
 * A module of its own so that a page can provide it without loading the dialog primitives,
 * which come with the lazily loaded dialogs.
 */
export const ModalReturnFocusContext = createContext<(() => HTMLElement | null) | null>(null);
