/** Folds Vietnamese for matching: no diacritics, đ → d, lower case ("Đắk Lắk" → "dak lak"). */
export function fold(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim()
}
