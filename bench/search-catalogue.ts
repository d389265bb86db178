// A deterministic catalogue of realistic products for bench/search.ts, built from the specialties in DOMAIN.md.
import { findCategory } from '~/modules/catalog/categories'
import type { RegionTypeValue, SearchDocument } from '~/modules/search/engine'
import { fold } from '~/modules/search/fold'

function random(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Specialty = [nameVi: string, nameEn: string, category: string, province: string, region: RegionTypeValue, price: number]
const specialties: Specialty[] = [
  ['Chè Shan tuyết Hà Giang', 'Ha Giang Shan Tuyet tea', 'tea', '08', 'MOUNTAIN', 600_000],
  ['Mật ong bạc hà Mèo Vạc', 'Meo Vac mint honey', 'flower-honey', '08', 'MOUNTAIN', 300_000],
  ['Chè Suối Giàng', 'Suoi Giang tea', 'tea', '15', 'MOUNTAIN', 500_000],
  ['Thảo quả khô Yên Bái', 'Yen Bai black cardamom', 'cardamom', '15', 'MOUNTAIN', 250_000],
  ['Gạo Séng Cù', 'Seng Cu rice', 'rice', '15', 'MOUNTAIN', 35_000],
  ['Mận Bắc Hà', 'Bac Ha plums', 'fresh-fruit', '15', 'MOUNTAIN', 30_000],
  ['Xoài Yên Châu', 'Yen Chau mango', 'fresh-fruit', '14', 'MOUNTAIN', 40_000],
  ['Mận hậu Mộc Châu', 'Moc Chau plums', 'fresh-fruit', '14', 'MOUNTAIN', 30_000],
  ['Chè Mộc Châu', 'Moc Chau tea', 'tea', '14', 'MOUNTAIN', 350_000],
  ['Cà phê Arabica Sơn La', 'Son La arabica coffee', 'coffee', '14', 'MOUNTAIN', 280_000],
  ['Gạo nếp Điện Biên', 'Dien Bien glutinous rice', 'glutinous-rice', '11', 'BORDER', 40_000],
  ['Hạt dẻ Trùng Khánh', 'Trung Khanh chestnuts', 'chestnuts', '04', 'BORDER', 150_000],
  ['Miến dong Cao Bằng', 'Cao Bang glass noodles', 'noodles', '04', 'BORDER', 70_000],
  ['Hồi khô Lạng Sơn', 'Lang Son star anise', 'star-anise-cinnamon', '20', 'BORDER', 200_000],
  ['Na Chi Lăng', 'Chi Lang custard apple', 'fresh-fruit', '20', 'BORDER', 60_000],
  ['Miến dong Na Rì', 'Na Ri arrowroot vermicelli', 'noodles', '19', 'MOUNTAIN', 85_000],
  ['Sâm Ngọc Linh', 'Ngoc Linh ginseng', 'ginseng', '51', 'MOUNTAIN', 40_000_000],
  ['Cà phê Buôn Ma Thuột', 'Buon Ma Thuot robusta coffee', 'coffee', '66', 'NONE', 220_000],
  ['Hồ tiêu Chư Sê', 'Chu Se black pepper', 'pepper', '52', 'NONE', 160_000],
  ['Atiso Đà Lạt', 'Da Lat artichoke', 'herbal-tea', '68', 'NONE', 110_000],
  ['Cà phê Cầu Đất', 'Cau Dat coffee', 'coffee', '68', 'MOUNTAIN', 320_000],
  ['Yến sào Khánh Hòa', 'Khanh Hoa bird nest', 'birds-nest', '56', 'ISLAND', 35_000_000],
  ['Tỏi Ninh Thuận', 'Ninh Thuan garlic', 'garlic-chilli', '56', 'NONE', 90_000],
  ['Nho Ninh Thuận', 'Ninh Thuan grapes', 'fresh-fruit', '56', 'NONE', 70_000],
  ['Nước mắm Phú Quốc', 'Phu Quoc fish sauce', 'fish-sauce', '91', 'ISLAND', 120_000],
  ['Hồ tiêu Phú Quốc', 'Phu Quoc pepper', 'pepper', '91', 'ISLAND', 190_000],
  ['Tỏi Lý Sơn', 'Ly Son garlic', 'garlic-chilli', '51', 'ISLAND', 250_000],
  ['Chả mực Vân Đồn', 'Van Don squid cakes', 'processed-seafood', '22', 'ISLAND', 360_000],
  ['Sá sùng Cô Tô', 'Co To peanut worms', 'dried-seafood', '22', 'ISLAND', 3_500_000],
  ['Hạt bàng Côn Đảo', 'Con Dao tropical almonds', 'other-nuts', '79', 'ISLAND', 600_000],
  ['Mật ong rừng Cát Bà', 'Cat Ba wild honey', 'wild-honey', '31', 'ISLAND', 450_000],
  ['Đặc sản thịt trâu gác bếp', 'Smoked buffalo meat', 'dried-meat', '14', 'MOUNTAIN', 900_000],
]
const grades = ['', 'loại 1', 'đặc biệt', 'hữu cơ', 'cao cấp', 'truyền thống', 'hảo hạng', 'sấy lạnh', 'nguyên chất', 'vụ mới']
const packs = ['túi 500 g', 'hộp 200 g', 'túi 1 kg', 'bao 5 kg', 'chai 500 ml', 'hộp quà', 'thùng 10 kg', '']
const producers = ['HTX', 'Hợp tác xã', 'Công ty TNHH', 'Hộ kinh doanh', 'Cơ sở']
const villages = ['Phìn Hồ', 'Nà Ka', 'Mường Thanh', 'Bát Xát', 'Côn Minh', 'Phia Đén', 'Ea Tu', 'Văn Quan', 'Khải Hoàn', 'Xanh', 'Bản Liền', 'Sà Phìn', 'Lũng Cú', 'Tả Van']
const phrases = [
  'Sản phẩm đặc sản vùng cao, thu hoạch thủ công.',
  'Đạt chứng nhận OCOP, đóng gói theo tiêu chuẩn siêu thị.',
  'Canh tác theo VietGAP, không dùng thuốc trừ sâu.',
  'Đồng bào dân tộc thiểu số sản xuất theo phương pháp truyền thống.',
  'Phù hợp làm quà biếu, bảo quản nơi khô ráo thoáng mát.',
  'Nguồn hàng ổn định quanh năm, nhận đơn số lượng lớn.',
  'Giao hàng toàn quốc, hỗ trợ siêu thị trưng bày.',
  'Xuất khẩu được, có mã HS và giấy chứng nhận xuất xứ.',
]
const certs = ['ocop', 'vietgap', 'organic', 'haccp', 'geographical-indication', 'globalgap']

export function generateCatalogue(size: number): SearchDocument[] {
  const rnd = random(5 + size)
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]
  const docs: SearchDocument[] = []
  for (let i = 0; i < size; i++) {
    const [nameVi, nameEn, category, provinceCode, regionType, price] = pick(specialties)
    const grade = pick(grades)
    const pack = pick(packs)
    const village = pick(villages)
    const producerName = `${pick(producers)} ${village} ${i % 97}`
    const ocopStars = rnd() < 0.3 ? 3 + Math.floor(rnd() * 3) : 0
    const certifications = [...new Set([...(ocopStars ? ['ocop'] : []), ...certs.filter(() => rnd() < 0.12)])]
    const parent = findCategory(category)?.parent?.slug
    docs.push({
      id: `prod${String(i).padStart(7, '0')}`,
      slug: `${fold(nameVi).replace(/\s+/g, '-')}-${i}`,
      nameVi: [nameVi, grade, pack].filter(Boolean).join(' '),
      nameEn: rnd() < 0.6 ? nameEn : '',
      descriptionVi: `${nameVi} của ${producerName}. ${pick(phrases)} ${pick(phrases)}`,
      descriptionEn: rnd() < 0.4 ? `${nameEn} from ${village}, packed for supermarkets and export.` : '',
      categorySlugs: parent ? [category, parent] : [category],
      provinceCode,
      regionType,
      certifications,
      ocopStars,
      campaignLabels: rnd() < 0.05 ? ['hang-viet'] : [],
      exportReady: rnd() < 0.25,
      priceVnd: Math.round((price * (0.6 + rnd() * 0.9)) / 1000) * 1000,
      publishedAt: Date.UTC(2025, 0, 1) + Math.floor(rnd() * 600 * 86_400_000),
      producerSlug: fold(producerName).replace(/\s+/g, '-'),
      producerName,
    })
  }
  return docs
}

