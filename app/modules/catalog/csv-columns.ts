// Browser-safe: the one column layout of product CSV files (import, export, template), documented in
// docs/csv-products.md. Headers may be the key, the Vietnamese or the English label, with or without
// diacritics and in any case ("Mã SKU", "ma sku", "SKU", "sku" all name the same column).

export const csvColumnKeys = [
  'sku',
  'name_vi',
  'name_en',
  'description_vi',
  'description_en',
  'category',
  'unit',
  'pack_size',
  'moq',
  'tiers',
  'usd_price',
  'vat',
  'made_to_order',
  'stock',
  'lead_time_days',
  'harvest_months',
  'province',
  'former_province',
  'region_type',
  'shelf_life_days',
  'storage',
  'packaging',
  'hs_code',
  'export_ready',
  'certifications',
  'status',
] as const
export type CsvColumnKey = (typeof csvColumnKeys)[number]

export type CsvColumn = { key: CsvColumnKey; vi: string; en: string; aliases?: string[] }

export const csvColumns: CsvColumn[] = [
  { key: 'sku', vi: 'Mã SKU', en: 'SKU', aliases: ['ma san pham', 'product code'] },
  { key: 'name_vi', vi: 'Tên (tiếng Việt)', en: 'Name (Vietnamese)', aliases: ['ten san pham', 'ten', 'ten tieng viet'] },
  { key: 'name_en', vi: 'Tên (tiếng Anh)', en: 'Name (English)', aliases: ['ten tieng anh', 'english name'] },
  { key: 'description_vi', vi: 'Mô tả (tiếng Việt)', en: 'Description (Vietnamese)', aliases: ['mo ta', 'mo ta tieng viet'] },
  { key: 'description_en', vi: 'Mô tả (tiếng Anh)', en: 'Description (English)', aliases: ['mo ta tieng anh', 'english description'] },
  { key: 'category', vi: 'Danh mục', en: 'Category', aliases: ['nganh hang', 'loai san pham'] },
  { key: 'unit', vi: 'Đơn vị', en: 'Unit', aliases: ['don vi tinh', 'dvt', 'sale unit'] },
  { key: 'pack_size', vi: 'Quy cách', en: 'Pack size', aliases: ['quy cach dong goi'] },
  { key: 'moq', vi: 'Đặt tối thiểu (MOQ)', en: 'MOQ', aliases: ['dat toi thieu', 'so luong toi thieu', 'minimum order quantity', 'minimum order'] },
  { key: 'tiers', vi: 'Bậc giá (VND)', en: 'Tier prices (VND)', aliases: ['bac gia', 'gia theo bac', 'tier prices', 'tier price', 'prices'] },
  { key: 'usd_price', vi: 'Giá USD', en: 'USD price', aliases: ['gia xuat khau usd', 'price usd'] },
  { key: 'vat', vi: 'Thuế GTGT', en: 'VAT', aliases: ['thue gtgt', 'vat rate', 'thue vat', 'vat %', 'thue suat'] },
  { key: 'made_to_order', vi: 'Làm theo đơn', en: 'Made to order', aliases: ['san xuat theo don'] },
  { key: 'stock', vi: 'Tồn kho', en: 'Stock', aliases: ['so luong ton', 'stock on hand'] },
  { key: 'lead_time_days', vi: 'Thời gian chuẩn bị (ngày)', en: 'Lead time (days)', aliases: ['thoi gian chuan bi', 'lead time'] },
  { key: 'harvest_months', vi: 'Tháng thu hoạch', en: 'Harvest months', aliases: ['mua vu', 'harvest season'] },
  { key: 'province', vi: 'Tỉnh/thành', en: 'Province', aliases: ['tinh', 'tinh thanh pho', 'xuat xu', 'origin'] },
  { key: 'former_province', vi: 'Tỉnh cũ', en: 'Former province', aliases: ['tinh cu truoc sap nhap'] },
  { key: 'region_type', vi: 'Loại vùng', en: 'Region type', aliases: ['vung', 'region'] },
  { key: 'shelf_life_days', vi: 'Hạn sử dụng (ngày)', en: 'Shelf life (days)', aliases: ['han su dung', 'shelf life'] },
  { key: 'storage', vi: 'Bảo quản', en: 'Storage', aliases: ['cach bao quan'] },
  { key: 'packaging', vi: 'Đóng gói', en: 'Packaging', aliases: ['bao bi'] },
  { key: 'hs_code', vi: 'Mã HS', en: 'HS code', aliases: ['hs'] },
  { key: 'export_ready', vi: 'Sẵn sàng xuất khẩu', en: 'Export ready', aliases: ['xuat khau'] },
  { key: 'certifications', vi: 'Chứng nhận', en: 'Certifications', aliases: ['chung nhan', 'certificates'] },
  { key: 'status', vi: 'Trạng thái', en: 'Status', aliases: ['tinh trang'] },
]

/** Lower case, no diacritics (đ → d), words joined by single spaces: how headers and word values are compared. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim()
}

const byHeader = new Map<string, CsvColumnKey>()
for (const column of csvColumns) {
  for (const name of [column.key, column.vi, column.en, ...(column.aliases ?? [])]) byHeader.set(foldText(name), column.key)
}

/** The column a header names, or null. */
export function columnOfHeader(header: string): CsvColumnKey | null {
  return byHeader.get(foldText(header)) ?? null
}

export function columnLabel(key: CsvColumnKey, lang: 'vi' | 'en'): string {
  const column = csvColumns.find((c) => c.key === key)!
  return column[lang]
}

/** The limits of one import. */
export const CSV_MAX_BYTES = 2 * 1024 * 1024
export const CSV_MAX_ROWS = 1000
