// The 34 provinces and cities since 1 July 2025 (Resolution 202/2025/QH15), by the statistics office's
// two-digit codes, and the former provinces they were formed from (kept so older certificates and
// geographical indications still read right).

export type Province = { code: string; name: string; city?: boolean; formedFrom: string[] }

export const provinces: Province[] = [
  { code: '01', name: 'Hà Nội', city: true, formedFrom: [] },
  { code: '04', name: 'Cao Bằng', formedFrom: [] },
  { code: '08', name: 'Tuyên Quang', formedFrom: ['08', '02'] },
  { code: '11', name: 'Điện Biên', formedFrom: [] },
  { code: '12', name: 'Lai Châu', formedFrom: [] },
  { code: '14', name: 'Sơn La', formedFrom: [] },
  { code: '15', name: 'Lào Cai', formedFrom: ['10', '15'] },
  { code: '19', name: 'Thái Nguyên', formedFrom: ['19', '06'] },
  { code: '20', name: 'Lạng Sơn', formedFrom: [] },
  { code: '22', name: 'Quảng Ninh', formedFrom: [] },
  { code: '24', name: 'Bắc Ninh', formedFrom: ['27', '24'] },
  { code: '25', name: 'Phú Thọ', formedFrom: ['25', '26', '17'] },
  { code: '31', name: 'Hải Phòng', city: true, formedFrom: ['31', '30'] },
  { code: '33', name: 'Hưng Yên', formedFrom: ['33', '34'] },
  { code: '37', name: 'Ninh Bình', formedFrom: ['37', '35', '36'] },
  { code: '38', name: 'Thanh Hóa', formedFrom: [] },
  { code: '40', name: 'Nghệ An', formedFrom: [] },
  { code: '42', name: 'Hà Tĩnh', formedFrom: [] },
  { code: '44', name: 'Quảng Trị', formedFrom: ['45', '44'] },
  { code: '46', name: 'Huế', city: true, formedFrom: [] },
  { code: '48', name: 'Đà Nẵng', city: true, formedFrom: ['48', '49'] },
  { code: '51', name: 'Quảng Ngãi', formedFrom: ['51', '62'] },
  { code: '52', name: 'Gia Lai', formedFrom: ['64', '52'] },
  { code: '56', name: 'Khánh Hòa', formedFrom: ['56', '58'] },
  { code: '66', name: 'Đắk Lắk', formedFrom: ['66', '54'] },
  { code: '68', name: 'Lâm Đồng', formedFrom: ['68', '67', '60'] },
  { code: '75', name: 'Đồng Nai', formedFrom: ['75', '70'] },
  { code: '79', name: 'TP. Hồ Chí Minh', city: true, formedFrom: ['79', '74', '77'] },
  { code: '80', name: 'Tây Ninh', formedFrom: ['72', '80'] },
  { code: '82', name: 'Đồng Tháp', formedFrom: ['87', '82'] },
  { code: '86', name: 'Vĩnh Long', formedFrom: ['86', '83', '84'] },
  { code: '91', name: 'An Giang', formedFrom: ['89', '91'] },
  { code: '92', name: 'Cần Thơ', city: true, formedFrom: ['92', '94', '93'] },
  { code: '96', name: 'Cà Mau', formedFrom: ['96', '95'] },
]

/** The 63 provinces before the merger, by their former codes. */
export const formerProvinces: { code: string; name: string }[] = [
  ['01', 'Hà Nội'], ['02', 'Hà Giang'], ['04', 'Cao Bằng'], ['06', 'Bắc Kạn'], ['08', 'Tuyên Quang'],
  ['10', 'Lào Cai'], ['11', 'Điện Biên'], ['12', 'Lai Châu'], ['14', 'Sơn La'], ['15', 'Yên Bái'],
  ['17', 'Hòa Bình'], ['19', 'Thái Nguyên'], ['20', 'Lạng Sơn'], ['22', 'Quảng Ninh'], ['24', 'Bắc Giang'],
  ['25', 'Phú Thọ'], ['26', 'Vĩnh Phúc'], ['27', 'Bắc Ninh'], ['30', 'Hải Dương'], ['31', 'Hải Phòng'],
  ['33', 'Hưng Yên'], ['34', 'Thái Bình'], ['35', 'Hà Nam'], ['36', 'Nam Định'], ['37', 'Ninh Bình'],
  ['38', 'Thanh Hóa'], ['40', 'Nghệ An'], ['42', 'Hà Tĩnh'], ['44', 'Quảng Bình'], ['45', 'Quảng Trị'],
  ['46', 'Thừa Thiên Huế'], ['48', 'Đà Nẵng'], ['49', 'Quảng Nam'], ['51', 'Quảng Ngãi'], ['52', 'Bình Định'],
  ['54', 'Phú Yên'], ['56', 'Khánh Hòa'], ['58', 'Ninh Thuận'], ['60', 'Bình Thuận'], ['62', 'Kon Tum'],
  ['64', 'Gia Lai'], ['66', 'Đắk Lắk'], ['67', 'Đắk Nông'], ['68', 'Lâm Đồng'], ['70', 'Bình Phước'],
  ['72', 'Tây Ninh'], ['74', 'Bình Dương'], ['75', 'Đồng Nai'], ['77', 'Bà Rịa–Vũng Tàu'], ['79', 'TP. Hồ Chí Minh'],
  ['80', 'Long An'], ['82', 'Tiền Giang'], ['83', 'Bến Tre'], ['84', 'Trà Vinh'], ['86', 'Vĩnh Long'],
  ['87', 'Đồng Tháp'], ['89', 'An Giang'], ['91', 'Kiên Giang'], ['92', 'Cần Thơ'], ['93', 'Hậu Giang'],
  ['94', 'Sóc Trăng'], ['95', 'Bạc Liêu'], ['96', 'Cà Mau'],
].map(([code, name]) => ({ code, name }))

const byCode = new Map(provinces.map((p) => [p.code, p]))
const formerByCode = new Map(formerProvinces.map((p) => [p.code, p]))

export const provinceCodes = provinces.map((p) => p.code) as [string, ...string[]]
export const formerProvinceCodes = formerProvinces.map((p) => p.code) as [string, ...string[]]
export const provinceName = (code: string) => byCode.get(code)?.name ?? code
export const formerProvinceName = (code: string) => formerByCode.get(code)?.name ?? code

/** A former province belongs to the province that absorbed it (or kept its name). */
export function provinceOfFormer(formerCode: string): Province | undefined {
  return provinces.find((p) => p.formedFrom.includes(formerCode)) ?? byCode.get(formerCode)
}
