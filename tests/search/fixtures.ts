// A small catalogue of real regional specialties for the search contract (DOMAIN.md), chosen so that each
// behaviour has something to find and something that must not be found.
import type { RegionTypeValue, SearchDocument } from '~/modules/search/engine'
import { findCategory } from '~/modules/catalog/categories'

type Row = [
  id: string,
  nameVi: string,
  nameEn: string,
  descriptionVi: string,
  category: string,
  province: string,
  region: RegionTypeValue,
  certifications: string[],
  ocop: number,
  price: number,
  day: number,
  producer: string,
  exportReady?: boolean,
]

const rows: Row[] = [
  ['p01', 'Mật ong bạc hà Mèo Vạc', 'Meo Vac mint honey', 'Mật ong từ hoa bạc hà trên cao nguyên đá, thu hoạch tháng 11.', 'flower-honey', '08', 'MOUNTAIN', ['ocop'], 4, 280_000, 1, 'HTX Ong mật Mèo Vạc'],
  ['p02', 'Mật ong rừng Tây Bắc', '', 'Khai thác tự nhiên từ rừng nguyên sinh.', 'wild-honey', '14', 'MOUNTAIN', [], 0, 450_000, 2, 'HTX Nông sản Sơn La'],
  ['p03', 'Chè Shan tuyết Hà Giang', 'Ha Giang Shan Tuyet tea', 'Chè cổ thụ trên 100 năm tuổi, sao thủ công.', 'tea', '08', 'MOUNTAIN', ['ocop', 'organic'], 5, 650_000, 3, 'HTX Chè Shan tuyết Phìn Hồ'],
  ['p04', 'Chè Suối Giàng', '', 'Búp chè Shan cổ thụ của đồng bào Mông.', 'tea', '15', 'MOUNTAIN', ['ocop'], 4, 520_000, 4, 'HTX Suối Giàng'],
  ['p05', 'Trà Ô long Mộc Châu', 'Moc Chau oolong tea', 'Trà Ô long trồng theo tiêu chuẩn VietGAP.', 'tea', '14', 'MOUNTAIN', ['vietgap'], 0, 380_000, 5, 'Công ty Chè Mộc Châu'],
  ['p06', 'Cà phê Buôn Ma Thuột', 'Buon Ma Thuot robusta coffee', 'Cà phê Robusta rang mộc, chỉ dẫn địa lý.', 'coffee', '66', 'NONE', ['geographical-indication', 'ocop'], 4, 220_000, 6, 'HTX Cà phê Ea Tu', true],
  ['p07', 'Cà phê Arabica Cầu Đất', 'Cau Dat arabica coffee', 'Arabica trồng ở độ cao 1.500 m.', 'coffee', '68', 'MOUNTAIN', ['organic'], 0, 320_000, 7, 'HTX Cầu Đất Farm', true],
  ['p08', 'Gạo Séng Cù Lào Cai', 'Seng Cu rice', 'Gạo hạt dài, dẻo, thơm của ruộng bậc thang.', 'rice', '15', 'MOUNTAIN', ['vietgap'], 3, 35_000, 8, 'HTX Gạo Mường Khương'],
  ['p09', 'Gạo nếp Điện Biên', 'Dien Bien glutinous rice', 'Nếp cái hoa vàng cánh đồng Mường Thanh.', 'glutinous-rice', '11', 'BORDER', [], 0, 42_000, 9, 'HTX Mường Thanh'],
  ['p10', 'Mận hậu Mộc Châu', 'Moc Chau plums', 'Mận hậu giòn, chua ngọt, vụ tháng 5–6.', 'fresh-fruit', '14', 'MOUNTAIN', ['vietgap'], 0, 30_000, 10, 'HTX Mận Nà Ka'],
  ['p11', 'Ô mai mận Bắc Hà', 'Bac Ha plum preserve', 'Ô mai làm từ mận tam hoa Bắc Hà.', 'preserved-fruit', '15', 'MOUNTAIN', ['ocop'], 3, 95_000, 11, 'Cơ sở Ô mai Bắc Hà'],
  ['p12', 'Cá cơm khô mặn Cô Tô', 'Co To salted dried anchovies', 'Cá cơm phơi nắng biển đảo.', 'dried-seafood', '22', 'ISLAND', [], 0, 180_000, 12, 'HTX Hải sản Cô Tô'],
  ['p13', 'Xoài Yên Châu', 'Yen Chau mango', 'Xoài tròn, thơm, vỏ mỏng.', 'fresh-fruit', '14', 'MOUNTAIN', [], 0, 40_000, 13, 'HTX Xoài Yên Châu'],
  ['p14', 'Hạt dẻ Trùng Khánh', 'Trung Khanh chestnuts', 'Hạt dẻ rang bùi, vùng biên giới Cao Bằng.', 'chestnuts', '04', 'BORDER', ['ocop'], 3, 150_000, 14, 'HTX Hạt dẻ Trùng Khánh'],
  ['p15', 'Miến dong Na Rì', 'Na Ri arrowroot vermicelli', 'Miến làm từ củ dong riềng, không chất bảo quản.', 'noodles', '19', 'MOUNTAIN', ['ocop'], 4, 85_000, 15, 'HTX Miến dong Côn Minh'],
  ['p16', 'Miến dong Cao Bằng', 'Cao Bang glass noodles', 'Sợi miến dai, trong.', 'noodles', '04', 'BORDER', [], 0, 70_000, 16, 'HTX Phia Đén'],
  ['p17', 'Hồi khô Lạng Sơn', 'Lang Son dried star anise', 'Hoa hồi phơi khô, tinh dầu cao.', 'star-anise-cinnamon', '20', 'BORDER', ['organic'], 0, 210_000, 17, 'HTX Hồi Văn Quan', true],
  ['p18', 'Sâm Ngọc Linh', 'Ngoc Linh ginseng', 'Sâm củ 5 năm tuổi, trồng dưới tán rừng.', 'ginseng', '51', 'MOUNTAIN', ['ocop', 'geographical-indication'], 5, 45_000_000, 18, 'Công ty Sâm Ngọc Linh Kon Tum'],
  ['p19', 'Hồ tiêu Chư Sê', 'Chu Se black pepper', 'Tiêu đen hạt chắc, chỉ dẫn địa lý.', 'pepper', '52', 'NONE', ['geographical-indication'], 0, 160_000, 19, 'HTX Tiêu Chư Sê', true],
  ['p20', 'Hồ tiêu Phú Quốc', 'Phu Quoc pepper', 'Tiêu đảo ngọc, trồng trên đất đỏ.', 'pepper', '91', 'ISLAND', ['vietgap'], 0, 190_000, 20, 'HTX Tiêu Phú Quốc'],
  ['p21', 'Nước mắm Phú Quốc', 'Phu Quoc fish sauce', 'Nước mắm cá cơm ủ chượp thùng gỗ, 40 độ đạm.', 'fish-sauce', '91', 'ISLAND', ['geographical-indication', 'ocop'], 5, 120_000, 21, 'Nhà thùng Khải Hoàn', true],
  ['p22', 'Tỏi Lý Sơn', 'Ly Son garlic', 'Tỏi cô đơn trồng trên cát biển đảo.', 'garlic-chilli', '51', 'ISLAND', ['ocop'], 4, 250_000, 22, 'HTX Tỏi Lý Sơn'],
  ['p23', 'Tỏi tía Ninh Thuận', 'Ninh Thuan purple garlic', 'Tỏi tép nhỏ, cay nồng.', 'garlic-chilli', '56', 'NONE', [], 0, 90_000, 23, 'HTX Phan Rang'],
  ['p24', 'Yến sào Khánh Hòa', 'Khanh Hoa edible bird nest', 'Tổ yến đảo thiên nhiên, làm sạch thủ công.', 'birds-nest', '56', 'ISLAND', ['haccp', 'ocop'], 5, 38_000_000, 24, 'Công ty Yến sào Khánh Hòa', true],
  ['p25', 'Chả mực Vân Đồn', 'Van Don squid cakes', 'Chả mực giã tay, đóng gói hút chân không.', 'processed-seafood', '22', 'ISLAND', ['ocop'], 4, 360_000, 25, 'Cơ sở Chả mực Vân Đồn'],
  ['p26', 'Thảo quả khô Lào Cai', 'Lao Cai black cardamom', 'Thảo quả sấy củi, thơm nồng.', 'cardamom', '15', 'MOUNTAIN', [], 0, 260_000, 26, 'HTX Thảo quả Bát Xát'],
  ['p27', 'Na Chi Lăng', 'Chi Lang custard apple', 'Na dai, ngọt, vùng núi đá vôi.', 'fresh-fruit', '20', 'BORDER', ['vietgap'], 0, 60_000, 27, 'HTX Na Chi Lăng'],
  ['p28', 'Trà atiso Đà Lạt', 'Da Lat artichoke tea', 'Hoa atiso sấy khô, pha trà.', 'herbal-tea', '68', 'NONE', ['haccp', 'ocop'], 3, 110_000, 28, 'Công ty Atiso Lâm Đồng'],
  ['p29', 'Đặc sản thịt trâu gác bếp', 'Smoked buffalo meat', 'Thịt trâu tẩm mắc khén, hun khói gác bếp.', 'dried-meat', '14', 'MOUNTAIN', [], 0, 900_000, 29, 'Cơ sở Đặc sản Tây Bắc'],
  ['p30', 'Hạt bàng Côn Đảo', 'Con Dao tropical almonds', 'Hạt bàng tách vỏ thủ công.', 'other-nuts', '79', 'ISLAND', [], 0, 600_000, 30, 'HTX Côn Đảo Xanh'],
  ['p31', 'Trà gừng Tây Bắc', '', 'Gừng núi sấy lát. Uống kèm mật ong rừng càng ngon.', 'herbal-tea', '14', 'MOUNTAIN', [], 0, 75_000, 31, 'HTX Nông sản Sơn La'],
]

const DAY = 24 * 60 * 60 * 1000
const EPOCH = Date.UTC(2026, 0, 1)

export const fixtureProducts: SearchDocument[] = rows.map(
  ([id, nameVi, nameEn, descriptionVi, category, provinceCode, regionType, certifications, ocopStars, priceVnd, day, producerName, exportReady]) => {
    const parent = findCategory(category)?.parent?.slug
    return {
      id,
      slug: `${id}-${nameVi.length}`,
      nameVi,
      nameEn,
      descriptionVi,
      descriptionEn: '',
      categorySlugs: parent ? [category, parent] : [category],
      provinceCode,
      regionType,
      certifications,
      ocopStars,
      campaignLabels: ocopStars >= 5 ? ['hang-viet'] : [],
      exportReady: exportReady ?? false,
      priceVnd,
      publishedAt: EPOCH + day * DAY,
      producerSlug: producerName.toLowerCase().replace(/\s+/g, '-'),
      producerName,
    }
  },
)

export const fixture = (id: string) => fixtureProducts.find((p) => p.id === id)!
