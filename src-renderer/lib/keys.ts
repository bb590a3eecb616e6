/** True for Ctrl on Linux/Windows and Cmd on macOS. */
export function primary(event: KeyboardEvent | MouseEvent): boolean {
  return event.ctrlKey || event.metaKey;
}

/** True when the key was typed into a text field, where shortcuts must not fire. */
export function inTextField(event: Event): boolean {
  const target = event.target as HTMLElement | null;
  return !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}
