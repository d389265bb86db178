// A deterministic catalogue of realistic products for bench/search.ts, built from the specialties in DOMAIN.md and
// other well-known regional specialties. What makes it realistic for search:
// - popular kinds are common (tea, coffee, honey, rice, fish sauce, cashews) and rare ones rare (ginseng, bird's
//   nest), so a query for a popular product matches thousands of documents at 100,000;
// - producers (cooperatives, firms, households with Kinh and ethnic-minority names) sit in one province, sell
//   several products of it and appear on all of them;
// - names carry grades and packs; descriptions are 3–6 sentences drawn from ~30 templates with varied fillers,
//   so that common words ("sản phẩm", "tiêu chuẩn", "mát", "mã") are as frequent as in real listings and a
//   query meets them in many descriptions;
// - about 70% of products have an English name and 35% an English description.
import { findCategory } from '~/modules/catalog/categories'
import { provinceName } from '~/modules/geo/provinces'
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

/** Name, English name, category, province code, region type, typical price (VND), how common (relative). */
type Specialty = [nameVi: string, nameEn: string, category: string, province: string, region: RegionTypeValue, price: number, weight: number]
const specialties: Specialty[] = [
  ['Chè Shan tuyết Hà Giang', 'Ha Giang Shan Tuyet tea', 'tea', '08', 'MOUNTAIN', 600_000, 3],
  ['Chè Shan tuyết Suối Giàng', 'Suoi Giang Shan Tuyet tea', 'tea', '15', 'MOUNTAIN', 550_000, 2],
  ['Chè Tân Cương Thái Nguyên', 'Tan Cuong green tea', 'tea', '19', 'NONE', 400_000, 4],
  ['Chè Mộc Châu', 'Moc Chau tea', 'tea', '14', 'MOUNTAIN', 350_000, 2],
  ['Trà Ô long Mộc Châu', 'Moc Chau oolong tea', 'tea', '14', 'MOUNTAIN', 450_000, 1],
  ['Trà hoa vàng Ba Chẽ', 'Ba Che golden camellia tea', 'herbal-tea', '22', 'MOUNTAIN', 1_200_000, 1],
  ['Trà atiso Đà Lạt', 'Da Lat artichoke tea', 'herbal-tea', '68', 'NONE', 110_000, 2],
  ['Trà gừng Tây Bắc', 'Northwest ginger tea', 'herbal-tea', '14', 'MOUNTAIN', 75_000, 1],
  ['Cà phê Buôn Ma Thuột', 'Buon Ma Thuot robusta coffee', 'coffee', '66', 'NONE', 220_000, 5],
  ['Cà phê Arabica Sơn La', 'Son La arabica coffee', 'coffee', '14', 'MOUNTAIN', 280_000, 2],
  ['Cà phê Cầu Đất', 'Cau Dat arabica coffee', 'coffee', '68', 'MOUNTAIN', 320_000, 2],
  ['Cà phê Khe Sanh', 'Khe Sanh coffee', 'coffee', '44', 'BORDER', 200_000, 1],
  ['Ca cao Bến Tre', 'Ben Tre cocoa', 'cocoa', '86', 'NONE', 250_000, 1],
  ['Ca cao Đắk Lắk', 'Dak Lak cocoa beans', 'cocoa', '66', 'NONE', 230_000, 1],
  ['Mật ong bạc hà Mèo Vạc', 'Meo Vac mint honey', 'flower-honey', '08', 'MOUNTAIN', 300_000, 3],
  ['Mật ong rừng Cát Bà', 'Cat Ba wild honey', 'wild-honey', '31', 'ISLAND', 450_000, 1],
  ['Mật ong rừng U Minh', 'U Minh wild honey', 'wild-honey', '96', 'REMOTE', 400_000, 1],
  ['Mật ong hoa cà phê', 'Coffee blossom honey', 'flower-honey', '66', 'NONE', 180_000, 2],
  ['Mật ong hoa nhãn Hưng Yên', 'Hung Yen longan honey', 'flower-honey', '33', 'NONE', 200_000, 1],
  ['Sữa ong chúa Tây Nguyên', 'Central Highlands royal jelly', 'bee-products', '66', 'NONE', 500_000, 1],
  ['Gạo Séng Cù', 'Seng Cu rice', 'rice', '15', 'MOUNTAIN', 35_000, 2],
  ['Gạo ST25 Sóc Trăng', 'Soc Trang ST25 rice', 'rice', '92', 'NONE', 38_000, 4],
  ['Gạo Điện Biên', 'Dien Bien rice', 'rice', '11', 'BORDER', 30_000, 2],
  ['Gạo lúa tôm U Minh', 'U Minh shrimp-field rice', 'rice', '96', 'REMOTE', 40_000, 1],
  ['Gạo nếp cái hoa vàng', 'Yellow-flower glutinous rice', 'glutinous-rice', '33', 'NONE', 45_000, 1],
  ['Gạo nếp Tú Lệ', 'Tu Le glutinous rice', 'glutinous-rice', '15', 'MOUNTAIN', 50_000, 1],
  ['Gạo nếp cẩm Lai Châu', 'Lai Chau black sticky rice', 'glutinous-rice', '12', 'BORDER', 55_000, 1],
  ['Miến dong Cao Bằng', 'Cao Bang glass noodles', 'noodles', '04', 'BORDER', 70_000, 1],
  ['Miến dong Na Rì', 'Na Ri arrowroot vermicelli', 'noodles', '19', 'MOUNTAIN', 85_000, 1],
  ['Phở khô Nam Định', 'Nam Dinh dried pho noodles', 'noodles', '37', 'NONE', 40_000, 1],
  ['Bột ngô Mèo Vạc', 'Meo Vac maize flour', 'corn-cereals', '08', 'MOUNTAIN', 40_000, 1],
  ['Hồ tiêu Chư Sê', 'Chu Se black pepper', 'pepper', '52', 'NONE', 160_000, 2],
  ['Hồ tiêu Phú Quốc', 'Phu Quoc pepper', 'pepper', '91', 'ISLAND', 190_000, 2],
  ['Mắc khén Tây Bắc', 'Northwest mac khen pepper', 'pepper', '14', 'MOUNTAIN', 300_000, 1],
  ['Hồi Lạng Sơn', 'Lang Son star anise', 'star-anise-cinnamon', '20', 'BORDER', 200_000, 1],
  ['Quế Văn Yên', 'Van Yen cinnamon', 'star-anise-cinnamon', '15', 'MOUNTAIN', 120_000, 1],
  ['Quế Trà My', 'Tra My cinnamon', 'star-anise-cinnamon', '48', 'MOUNTAIN', 180_000, 1],
  ['Thảo quả Bát Xát', 'Bat Xat black cardamom', 'cardamom', '15', 'MOUNTAIN', 250_000, 1],
  ['Tỏi Lý Sơn', 'Ly Son garlic', 'garlic-chilli', '51', 'ISLAND', 250_000, 2],
  ['Tỏi Ninh Thuận', 'Ninh Thuan garlic', 'garlic-chilli', '56', 'NONE', 90_000, 1],
  ['Nước mắm Phú Quốc', 'Phu Quoc fish sauce', 'fish-sauce', '91', 'ISLAND', 120_000, 3],
  ['Nước mắm Phan Thiết', 'Phan Thiet fish sauce', 'fish-sauce', '68', 'NONE', 100_000, 2],
  ['Nước mắm Cát Hải', 'Cat Hai fish sauce', 'fish-sauce', '31', 'ISLAND', 110_000, 1],
  ['Muối tôm Tây Ninh', 'Tay Ninh shrimp salt', 'salt-seasonings', '80', 'BORDER', 60_000, 1],
  ['Muối biển Bạc Liêu', 'Bac Lieu sea salt', 'salt-seasonings', '96', 'NONE', 20_000, 1],
  ['Mận Bắc Hà', 'Bac Ha plums', 'fresh-fruit', '15', 'MOUNTAIN', 30_000, 1],
  ['Mận hậu Mộc Châu', 'Moc Chau plums', 'fresh-fruit', '14', 'MOUNTAIN', 30_000, 1],
  ['Xoài Yên Châu', 'Yen Chau mango', 'fresh-fruit', '14', 'MOUNTAIN', 40_000, 1],
  ['Xoài cát Hòa Lộc', 'Hoa Loc mango', 'fresh-fruit', '82', 'NONE', 60_000, 2],
  ['Na Chi Lăng', 'Chi Lang custard apple', 'fresh-fruit', '20', 'BORDER', 60_000, 1],
  ['Nho Ninh Thuận', 'Ninh Thuan grapes', 'fresh-fruit', '56', 'NONE', 70_000, 1],
  ['Vải thiều Lục Ngạn', 'Luc Ngan lychee', 'fresh-fruit', '24', 'NONE', 45_000, 2],
  ['Cam Cao Phong', 'Cao Phong oranges', 'fresh-fruit', '25', 'MOUNTAIN', 35_000, 1],
  ['Bưởi Đoan Hùng', 'Doan Hung pomelo', 'fresh-fruit', '25', 'NONE', 40_000, 1],
  ['Sầu riêng Đắk Lắk', 'Dak Lak durian', 'fresh-fruit', '66', 'NONE', 90_000, 1],
  ['Thanh long Bình Thuận', 'Binh Thuan dragon fruit', 'fresh-fruit', '68', 'NONE', 25_000, 1],
  ['Nhãn lồng Hưng Yên', 'Hung Yen longan', 'fresh-fruit', '33', 'NONE', 50_000, 1],
  ['Bơ sáp Đắk Lắk', 'Dak Lak avocado', 'fresh-fruit', '66', 'NONE', 45_000, 1],
  ['Xoài sấy dẻo Khánh Hòa', 'Khanh Hoa soft dried mango', 'dried-fruit', '56', 'NONE', 180_000, 1],
  ['Mít sấy giòn', 'Crispy dried jackfruit', 'dried-fruit', '82', 'NONE', 150_000, 1],
  ['Ô mai mận Bắc Hà', 'Bac Ha plum preserve', 'preserved-fruit', '15', 'MOUNTAIN', 95_000, 1],
  ['Mứt gừng Huế', 'Hue ginger jam', 'preserved-fruit', '46', 'NONE', 90_000, 1],
  ['Nấm hương rừng Tây Bắc', 'Northwest wild shiitake mushrooms', 'mushrooms', '14', 'MOUNTAIN', 350_000, 1],
  ['Mộc nhĩ rừng Lai Châu', 'Lai Chau wild wood ear mushrooms', 'mushrooms', '12', 'BORDER', 250_000, 1],
  ['Măng khô Bắc Kạn', 'Bac Kan dried bamboo shoots', 'bamboo-shoots', '19', 'MOUNTAIN', 300_000, 1],
  ['Su su Tam Đảo', 'Tam Dao chayote', 'fresh-vegetables', '25', 'MOUNTAIN', 20_000, 1],
  ['Rong biển Lý Sơn', 'Ly Son seaweed', 'dried-vegetables', '51', 'ISLAND', 200_000, 1],
  ['Hạt dẻ Trùng Khánh', 'Trung Khanh chestnuts', 'chestnuts', '04', 'BORDER', 150_000, 1],
  ['Hạt điều Bình Phước', 'Binh Phuoc cashews', 'cashews', '75', 'NONE', 250_000, 3],
  ['Mắc ca Tây Nguyên', 'Central Highlands macadamia', 'macadamia', '66', 'NONE', 300_000, 1],
  ['Hạt bàng Côn Đảo', 'Con Dao tropical almonds', 'other-nuts', '79', 'ISLAND', 600_000, 1],
  ['Thịt trâu gác bếp', 'Smoked buffalo meat', 'dried-meat', '14', 'MOUNTAIN', 900_000, 2],
  ['Thịt lợn gác bếp', 'Smoked pork', 'dried-meat', '11', 'BORDER', 700_000, 1],
  ['Lạp sườn Cao Bằng', 'Cao Bang sausage', 'dried-meat', '04', 'BORDER', 250_000, 1],
  ['Chả mực Hạ Long', 'Ha Long squid cakes', 'processed-seafood', '22', 'NONE', 380_000, 2],
  ['Chả mực Vân Đồn', 'Van Don squid cakes', 'processed-seafood', '22', 'ISLAND', 360_000, 1],
  ['Sá sùng Cô Tô', 'Co To peanut worms', 'dried-seafood', '22', 'ISLAND', 3_500_000, 1],
  ['Mực một nắng Phú Quý', 'Phu Quy sun-dried squid', 'dried-seafood', '68', 'ISLAND', 550_000, 1],
  ['Tôm khô Cà Mau', 'Ca Mau dried shrimp', 'dried-seafood', '96', 'REMOTE', 900_000, 2],
  ['Khô cá lóc U Minh', 'U Minh dried snakehead fish', 'dried-seafood', '96', 'REMOTE', 300_000, 1],
  ['Cá cơm khô Cô Tô', 'Co To dried anchovies', 'dried-seafood', '22', 'ISLAND', 180_000, 1],
  ['Sâm Ngọc Linh', 'Ngoc Linh ginseng', 'ginseng', '51', 'MOUNTAIN', 40_000_000, 1],
  ['Sâm Lai Châu', 'Lai Chau ginseng', 'ginseng', '12', 'BORDER', 15_000_000, 1],
  ['Ba kích tím Quảng Ninh', 'Quang Ninh morinda root', 'dried-herbs', '22', 'MOUNTAIN', 400_000, 1],
  ['Đương quy Sa Pa', 'Sa Pa angelica root', 'dried-herbs', '15', 'MOUNTAIN', 250_000, 1],
  ['Yến sào Khánh Hòa', 'Khanh Hoa bird nest', 'birds-nest', '56', 'ISLAND', 35_000_000, 1],
  ['Yến sào Cù Lao Chàm', 'Cu Lao Cham bird nest', 'birds-nest', '48', 'ISLAND', 30_000_000, 1],
  ['Rượu ngô Bắc Hà', 'Bac Ha corn wine', 'traditional-wine', '15', 'MOUNTAIN', 150_000, 1],
  ['Rượu táo mèo Yên Bái', 'Yen Bai wild apple wine', 'traditional-wine', '15', 'MOUNTAIN', 180_000, 1],
  ['Rượu sim Phú Quốc', 'Phu Quoc myrtle wine', 'traditional-wine', '91', 'ISLAND', 200_000, 1],
  ['Siro chanh leo Sơn La', 'Son La passion fruit syrup', 'juices-syrups', '14', 'MOUNTAIN', 90_000, 1],
  ['Kẹo dừa Bến Tre', 'Ben Tre coconut candy', 'cakes-sweets', '86', 'NONE', 60_000, 2],
  ['Bánh pía Sóc Trăng', 'Soc Trang pia cake', 'cakes-sweets', '92', 'NONE', 70_000, 1],
  ['Cốm làng Vòng', 'Vong village green rice flakes', 'cakes-sweets', '01', 'NONE', 150_000, 1],
  ['Tương ớt Mường Khương', 'Muong Khuong chilli sauce', 'pickles-sauces', '15', 'BORDER', 50_000, 1],
  ['Tinh dầu quế Văn Yên', 'Van Yen cinnamon oil', 'oils', '15', 'MOUNTAIN', 200_000, 1],
  ['Khăn thổ cẩm Mai Châu', 'Mai Chau brocade scarf', 'brocade-textiles', '25', 'MOUNTAIN', 250_000, 1],
  ['Túi thổ cẩm Sa Pa', 'Sa Pa brocade bag', 'brocade-textiles', '15', 'MOUNTAIN', 300_000, 1],
  ['Giỏ mây tre đan Phú Vinh', 'Phu Vinh rattan basket', 'bamboo-rattan', '01', 'NONE', 200_000, 1],
  ['Gốm Bát Tràng', 'Bat Trang pottery', 'pottery', '01', 'NONE', 350_000, 1],
  ['Gốm Chăm Bàu Trúc', 'Bau Truc Cham pottery', 'pottery', '56', 'NONE', 400_000, 1],
]

const grades = ['', '', '', 'loại 1', 'đặc biệt', 'hữu cơ', 'cao cấp', 'truyền thống', 'hảo hạng', 'nguyên chất', 'vụ mới', 'thượng hạng', 'xuất khẩu']
const packs: Record<'dry' | 'liquid' | 'fresh' | 'craft', string[]> = {
  dry: ['túi 500 g', 'hộp 200 g', 'túi 1 kg', 'bao 5 kg', 'hộp quà', 'thùng 10 kg', 'gói 100 g', 'hũ 300 g', ''],
  liquid: ['chai 500 ml', 'chai 1 lít', 'can 5 lít', 'hũ 250 ml', 'thùng 12 chai', ''],
  fresh: ['thùng 10 kg', 'thùng 5 kg', 'sọt 20 kg', 'kg', ''],
  craft: ['chiếc', 'bộ 3 chiếc', 'size lớn', ''],
}
const packKind = (category: string): keyof typeof packs =>
  ['fish-sauce', 'traditional-wine', 'juices-syrups', 'oils', 'pickles-sauces', 'flower-honey', 'wild-honey'].includes(category)
    ? 'liquid'
    : ['fresh-fruit', 'fresh-vegetables'].includes(category)
      ? 'fresh'
      : ['brocade-textiles', 'bamboo-rattan', 'pottery', 'woodwork'].includes(category)
        ? 'craft'
        : 'dry'

const places = [
  'Phìn Hồ', 'Nà Ka', 'Mường Thanh', 'Bát Xát', 'Côn Minh', 'Phia Đén', 'Ea Tu', 'Văn Quan', 'Khải Hoàn', 'Bản Liền', 'Sà Phìn',
  'Lũng Cú', 'Tả Van', 'Mèo Vạc', 'Đồng Văn', 'Mù Cang Chải', 'Tú Lệ', 'Lao Chải', 'Y Tý', 'Ngọc Chiến', 'Mường Lò', 'Tân Cương',
  'Phúc Xuân', 'Tam Đường', 'Sìn Hồ', 'Mường Nhé', 'Ea Kar', 'Krông Pắc', 'Cư Mgar', 'Ia Grai', 'Đắk Hà', 'Tu Mơ Rông', 'Trà Linh',
  'Quảng Uyên', 'Ba Chẽ', 'Bình Liêu', 'An Thới', 'Hàm Ninh', 'Cửa Cạn', 'Năm Căn', 'Đầm Dơi', 'Cái Nước', 'Mỏ Cày', 'Chợ Lách',
  'Cao Lãnh', 'Lục Ngạn', 'Tân Lạc', 'Mai Châu', 'Thanh Sơn', 'Hướng Hóa', 'A Lưới', 'Tây Giang', 'Nam Giang', 'Xín Mần', 'Hoàng Su Phì',
  'Pác Nặm', 'Ngân Sơn', 'Bảo Lạc', 'Thông Nông', 'Mường Tè', 'Phong Thổ', 'Than Uyên', 'Quỳnh Nhai', 'Bắc Yên', 'Phù Yên', 'Sốp Cộp',
]
const families = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Lò', 'Giàng', 'Sùng', 'Vàng', 'Lù', 'Hà', 'Sầm', 'Nông', 'Lục', 'Triệu', 'Ma', 'Mùa', 'Thào']
const middles = ['Văn', 'Thị', 'A', 'Mí', 'Seo', 'Đức', 'Thu', 'Minh', 'Ngọc']
const givens = ['Hùng', 'Lan', 'Páo', 'Sử', 'Mai', 'Chư', 'Dế', 'Tráng', 'Thào', 'Hoa', 'Phương', 'Quý', 'Dũng', 'Nở', 'Sinh', 'Chứ', 'Khánh', 'Tuấn', 'Hương', 'Lịch', 'Xuân', 'Cường']
const themes = ['Nông sản', 'Nông nghiệp', 'Dịch vụ nông nghiệp', 'Đặc sản', 'Thực phẩm sạch', 'Nông lâm sản', 'Xanh', 'Sinh thái']
const ethnicGroups = ['Mông', 'Dao', 'Tày', 'Nùng', 'Thái', 'Mường', 'Ê Đê', 'Gia Rai', 'Xơ Đăng', 'Khmer', 'Chăm', 'Hà Nhì', 'Lô Lô', 'Giáy']
const processes = ['sấy lạnh', 'phơi nắng tự nhiên', 'sao thủ công', 'lên men tự nhiên', 'hun khói bếp củi', 'chế biến khép kín', 'sơ chế bằng tay', 'ủ chượp truyền thống']
const tastes = ['ngọt hậu', 'thơm nồng', 'đậm đà', 'chua nhẹ', 'bùi béo', 'cay ấm', 'thanh mát', 'giòn ngọt']
const areas = ['cao nguyên đá', 'Tây Bắc', 'Tây Nguyên', 'biển đảo', 'vùng biên giới', 'đồng bằng sông Cửu Long', 'trung du', 'vùng cao']
const chains = ['Co.opmart', 'WinMart', 'MM Mega Market', 'AEON', 'Bách Hóa Xanh', 'Lotte Mart', 'GO!']
const units = ['kg', 'thùng', 'hộp', 'chai', 'gói', 'tấn']

type Producer = { slug: string; name: string; place: string; province: string; region: RegionTypeValue; products: Specialty[] }

type Fill = { name: string; producer: Producer; rnd: () => number; pick: <T>(list: T[]) => T; pack: string; ocopStars: number }
/** Description sentences after the first; each reads a little of the product. */
const sentences: ((f: Fill) => string)[] = [
  (f) => `Sản phẩm được thu hoạch vào tháng ${1 + Math.floor(f.rnd() * 12)}, ${f.pick(processes)}.`,
  (f) => `Vùng trồng ở độ cao ${(5 + Math.floor(f.rnd() * 15)) * 100} m, khí hậu mát mẻ quanh năm.`,
  (f) => (f.ocopStars ? `Đạt chứng nhận OCOP ${f.ocopStars} sao năm ${2021 + Math.floor(f.rnd() * 5)}.` : 'Đang hoàn thiện hồ sơ đánh giá OCOP.'),
  () => 'Canh tác theo tiêu chuẩn VietGAP, không dùng thuốc trừ sâu hóa học.',
  (f) => `Đóng gói ${f.pack || 'theo yêu cầu'}, hạn sử dụng ${6 + Math.floor(f.rnd() * 19)} tháng kể từ ngày sản xuất.`,
  () => 'Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp.',
  () => 'Nhận đơn số lượng lớn cho siêu thị và nhà phân phối, giao hàng toàn quốc.',
  (f) => `Sản lượng khoảng ${10 + Math.floor(f.rnd() * 500)} tấn mỗi năm, nguồn hàng ổn định.`,
  (f) => `Đồng bào ${f.pick(ethnicGroups)} giữ gìn cách làm truyền thống qua nhiều thế hệ.`,
  (f) => `Có mã HS ${['0902', '0901', '0409', '1006', '0904', '2103', '0801', '0802'][Math.floor(f.rnd() * 8)]} và giấy chứng nhận xuất xứ, sẵn sàng xuất khẩu.`,
  (f) => `Hương vị đặc trưng, ${f.pick(tastes)}.`,
  () => 'Phù hợp làm quà biếu dịp Tết và hội nghị.',
  () => 'Sản phẩm tham gia cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”.',
  (f) => `Quy trình ${f.pick(processes)} được kiểm soát chặt chẽ, truy xuất nguồn gốc bằng mã QR.`,
  (f) => `Hợp tác xã có ${12 + Math.floor(f.rnd() * 200)} hộ thành viên, phần lớn là phụ nữ dân tộc thiểu số.`,
  () => 'Mẫu mã bao bì mới, in tem chống hàng giả.',
  (f) => `Đơn hàng tối thiểu ${1 + Math.floor(f.rnd() * 50)} ${f.pick(units)}, giá tốt cho đơn lớn.`,
  (f) => `Đã có mặt tại các chuỗi ${f.pick(chains)} và ${f.pick(chains)}.`,
  () => 'Không chất bảo quản, không phẩm màu.',
  () => 'Kiểm nghiệm an toàn thực phẩm định kỳ, nhà xưởng đạt tiêu chuẩn HACCP.',
  (f) => `Đặc sản của vùng ${f.pick(areas)}, được nhiều khách hàng tin dùng.`,
  (f) => `Nguyên liệu chọn lọc từ ${f.producer.place}, ${provinceName(f.producer.province)}.`,
  () => 'Sản xuất theo chuỗi liên kết với bà con, bao tiêu toàn bộ sản phẩm.',
  () => 'Hỗ trợ trưng bày và dùng thử tại điểm bán.',
  (f) => `Mỗi lô hàng có phiếu kiểm nghiệm, ${f.pick(['độ ẩm dưới 12%', 'đạt chỉ tiêu vi sinh', 'không tồn dư kim loại nặng', 'hàm lượng đạm cao'])}.`,
  () => 'Cam kết đổi trả nếu sản phẩm lỗi do nhà sản xuất.',
  (f) => `Được trồng và chăm sóc thủ công bởi người ${f.pick(ethnicGroups)} tại ${f.producer.place}.`,
  () => 'Giá bán sỉ theo bậc số lượng, hỗ trợ vận chuyển.',
  () => 'Sản phẩm mới vụ, chất lượng đồng đều.',
  (f) => `Thích hợp dùng hằng ngày hoặc chế biến món ăn ${f.pick(['gia đình', 'nhà hàng', 'truyền thống', 'ngày lễ'])}.`,
]
const english = [
  'Packed for supermarkets and export.',
  'Harvested by hand and sun-dried.',
  'Grown without chemical pesticides.',
  'Bulk orders welcome, delivery nationwide.',
  'Traceable by QR code from farm to shelf.',
  'Made by ethnic-minority cooperatives in the mountains.',
  'No preservatives or colourings.',
]

/** Picks by weight. */
function weighted<T>(items: T[], weightOf: (item: T) => number, rnd: () => number) {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0)
  return () => {
    let r = rnd() * total
    for (const item of items) if ((r -= weightOf(item)) < 0) return item
    return items[items.length - 1]
  }
}

function makeProducers(count: number, rnd: () => number): Producer[] {
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]
  const home = weighted(specialties, (s) => s[6], rnd)
  const producers: Producer[] = []
  for (let i = 0; i < count; i++) {
    const main = home()
    const nearby = specialties.filter((s) => s[3] === main[3] && s !== main)
    const products = [main, ...nearby.filter(() => rnd() < 0.4)]
    const place = pick(places)
    const person = `${pick(families)} ${pick(middles)} ${pick(givens)}`
    const theme = rnd() < 0.5 ? pick(themes) : main[0].split(' ').slice(0, 2).join(' ')
    const kind = rnd()
    const name =
      kind < 0.45
        ? `HTX ${theme} ${place}`
        : kind < 0.5
          ? `Hợp tác xã ${theme} ${place}`
          : kind < 0.7
            ? `Công ty TNHH ${theme} ${place}`
            : kind < 0.75
              ? `Công ty Cổ phần ${theme} ${provinceName(main[3])}`
              : kind < 0.92
                ? `Hộ kinh doanh ${person}`
                : `Cơ sở ${theme} ${person}`
    producers.push({ slug: `${fold(name).replace(/\s+/g, '-')}-${i}`, name, place, province: main[3], region: main[4], products })
  }
  return producers
}

export function generateCatalogue(size: number): SearchDocument[] {
  const rnd = random(5 + size)
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]
  const producers = makeProducers(Math.max(30, Math.round(size / 20)), rnd)
  const docs: SearchDocument[] = []
  for (let i = 0; i < size; i++) {
    const producer = pick(producers)
    // Most of a producer's listings are its main product in several grades and packs.
    const specialty = rnd() < 0.7 ? producer.products[0] : pick(producer.products)
    const [nameVi, nameEn, category, , , price] = specialty
    const grade = pick(grades)
    const pack = pick(packs[packKind(category)])
    const ocopStars = rnd() < 0.3 ? (rnd() < 0.6 ? 3 : rnd() < 0.88 ? 4 : 5) : 0
    const certifications = [
      ...(ocopStars ? ['ocop'] : []),
      ...(rnd() < 0.15 ? ['vietgap'] : []),
      ...(rnd() < 0.06 ? ['organic'] : []),
      ...(rnd() < 0.08 ? ['haccp'] : []),
      ...(rnd() < 0.1 ? ['geographical-indication'] : []),
      ...(rnd() < 0.03 ? ['globalgap'] : []),
    ]
    const fill: Fill = { name: nameVi, producer, rnd, pick, pack, ocopStars }
    const count = 2 + Math.floor(rnd() * 4)
    const body = Array.from({ length: count }, () => pick(sentences)(fill))
    const parent = findCategory(category)?.parent?.slug
    docs.push({
      id: `prod${String(i).padStart(7, '0')}`,
      slug: `${fold(nameVi).replace(/\s+/g, '-')}-${i}`,
      nameVi: [nameVi, grade, pack].filter(Boolean).join(' '),
      nameEn: rnd() < 0.7 ? nameEn : '',
      descriptionVi: [`${nameVi} của ${producer.name}, ${provinceName(producer.province)}.`, ...body].join(' '),
      descriptionEn: rnd() < 0.35 ? `${nameEn} from ${producer.place}. ${pick(english)} ${pick(english)}` : '',
      categorySlugs: parent ? [category, parent] : [category],
      provinceCode: producer.province,
      regionType: producer.region,
      certifications,
      ocopStars,
      campaignLabels: rnd() < 0.05 ? ['hang-viet'] : [],
      exportReady: rnd() < 0.2,
      priceVnd: Math.round((price * (0.6 + rnd() * 0.9)) / 1000) * 1000,
      publishedAt: Date.UTC(2025, 0, 1) + Math.floor(rnd() * 600 * 86_400_000),
      producerSlug: producer.slug,
      producerName: producer.name,
    })
  }
  return docs
}
