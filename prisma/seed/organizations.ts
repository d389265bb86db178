// DEMO DATA. The specialties, places and ethnic communities are real (the programme's own examples); the
// organisations, people, tax codes, bank accounts, phone numbers and street addresses are invented.
// The buyers carry the names of well-known Vietnamese retail chains and importers only so the demo reads
// true to life: they are not those companies, and nothing here is their data.
// Communes follow the two-level addresses in force since 1 July 2025 (xã/phường/đặc khu + province).
import type { LegalForm, RegionType, VerificationStatus } from '~/generated/prisma/enums'
import type { DemoBank } from './derive'
import {
  bothSides,
  buyerOwner,
  demoApprover,
  demoPurchaser,
  exportBuyer,
  person,
  phoneOnlyOwner,
  phonePerson,
  producerMember,
  producerOwner,
  type DemoPerson,
} from './users'

export type DemoOrganization = {
  slug: string
  kind: 'PRODUCER' | 'BUYER'
  legalForm: LegalForm
  displayName: string
  legalName: string
  /** Set for a household business or individual that uses the owner's 12-digit personal ID as its tax code; otherwise a 10-digit MST. */
  personalId?: { formerProvince: string; year: number; female?: boolean }
  provinceCode: string
  formerProvinceCode?: string
  regionType?: RegionType
  commune: string
  addressLine: string
  /** As written on a letterhead; stored in E.164. */
  phone: string
  descriptionVi: string
  descriptionEn?: string
  /** Producers are paid by transfer; the account number is invented (see derive.ts). */
  bank?: DemoBank
  /** VERIFIED unless said otherwise. */
  verificationStatus?: VerificationStatus
  suspensionReason?: string
  owner: DemoPerson
  members?: DemoPerson[]
  /** A buyer's purchasing staff: purchasers with spending limits (whole đồng, VAT included) and approvers. */
  purchasing?: { person: DemoPerson; role: 'PURCHASER' | 'APPROVER'; orderLimitVnd?: bigint; monthlyLimitVnd?: bigint }[]
  /** Payment terms an operator gave a buyer: days to pay after confirmation, and its credit limit (whole đồng). */
  netTerms?: { days: 30 | 60; creditLimitVnd: bigint }
}

type Entry = Omit<DemoOrganization, 'kind'>
const producer = (o: Entry): DemoOrganization => ({ kind: 'PRODUCER', ...o })
const buyer = (o: Entry): DemoOrganization => ({ kind: 'BUYER', ...o })

export const producers: DemoOrganization[] = [
  // ── Northern mountains and the border ────────────────────────────────────────────────────────────
  producer({
    slug: 'htx-che-shan-tuyet-hoang-su-phi',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Chè Shan Tuyết Hoàng Su Phì',
    legalName: 'Hợp tác xã Chè Shan Tuyết Hoàng Su Phì',
    provinceCode: '08',
    formerProvinceCode: '02',
    regionType: 'MOUNTAIN',
    commune: 'xã Hoàng Su Phì',
    addressLine: 'Thôn Tả Chải',
    phone: '0219 3 831 256',
    descriptionVi:
      'Hợp tác xã của 86 hộ người Dao và người La Chí, chăm sóc hơn 120 ha chè Shan tuyết cổ thụ ở độ cao 900–1.400 m. Chè được hái thủ công một tôm hai lá, sao sấy bằng củi theo cách truyền thống; sản phẩm đạt OCOP 4 sao. Nhận đơn hàng thường xuyên cho chuỗi siêu thị và đơn xuất khẩu theo lô.',
    descriptionEn:
      'A cooperative of 86 Dao and La Chí households tending over 120 ha of ancient Shan Tuyết tea trees at 900–1,400 m. Leaves are hand-picked (one bud, two leaves) and wood-fired in the traditional way; the tea holds a 4-star OCOP rating. Regular supply for supermarket chains and export lots.',
    bank: 'Agribank',
    owner: producerOwner,
    members: [producerMember],
  }),
  producer({
    slug: 'htx-mat-ong-bac-ha-meo-vac',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Mật ong Bạc hà Mèo Vạc',
    legalName: 'Hợp tác xã Mật ong Bạc hà Mèo Vạc',
    provinceCode: '08',
    formerProvinceCode: '02',
    regionType: 'BORDER',
    commune: 'xã Mèo Vạc',
    addressLine: 'Thôn Pả Vi Hạ',
    phone: '0868 215 409',
    descriptionVi:
      'Hơn 40 hộ người Mông nuôi ong nội địa trên cao nguyên đá Đồng Văn. Mật được lấy vào mùa hoa bạc hà dại (tháng 10 – tháng 12), vị ngọt thanh, hơi the; sản phẩm mang chỉ dẫn địa lý “Mật ong bạc hà Mèo Vạc”. Sản lượng có hạn theo mùa, nhận đặt trước.',
    descriptionEn:
      'Over 40 Hmong households keep native bees on the Đồng Văn karst plateau. The honey is taken in the wild mint flowering season (October–December): light and sweet with a cool finish, under the geographical indication “Mèo Vạc mint honey”. Limited seasonal volumes; pre-orders welcome.',
    bank: 'Agribank',
    owner: phoneOnlyOwner,
  }),
  producer({
    slug: 'htx-gao-seng-cu-muong-khuong',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Gạo Séng Cù Mường Khương',
    legalName: 'Hợp tác xã Nông nghiệp Séng Cù Mường Khương',
    provinceCode: '15',
    formerProvinceCode: '10',
    regionType: 'BORDER',
    commune: 'xã Mường Khương',
    addressLine: 'Thôn Sả Hồ',
    phone: '0214 3 881 427',
    descriptionVi:
      'Giống lúa Séng Cù trồng trên ruộng bậc thang ven suối, tưới nước đầu nguồn; gạo hạt dài, dẻo và thơm, được bảo hộ chỉ dẫn địa lý “Gạo Séng Cù Mường Khương”. Hợp tác xã tự xay xát, đóng túi 2 kg, 5 kg và bao 25 kg, truy xuất nguồn gốc theo lô.',
    bank: 'Agribank',
    owner: person('Lùng Văn Chúng'),
  }),
  producer({
    slug: 'man-tam-hoa-bac-ha-vang-seo-su',
    legalForm: 'HOUSEHOLD_BUSINESS',
    displayName: 'Mận Tam hoa Bắc Hà – Vàng Seo Sử',
    legalName: 'Hộ kinh doanh Vàng Seo Sử',
    personalId: { formerProvince: '10', year: 1983 },
    provinceCode: '15',
    formerProvinceCode: '10',
    regionType: 'MOUNTAIN',
    commune: 'xã Bắc Hà',
    addressLine: 'Thôn Na Hối',
    phone: '0347 612 880',
    descriptionVi:
      'Vườn mận tam hoa 3 ha của gia đình, thu hoạch từ cuối tháng 5 đến tháng 7. Quả giòn, vị chua ngọt; đóng thùng carton 10 kg có lót giấy, giao xe lạnh về Hà Nội trong ngày.',
    bank: 'Agribank',
    verificationStatus: 'UNVERIFIED',
    owner: phonePerson('Vàng Seo Sử', '0912 000 002'),
  }),
  producer({
    slug: 'htx-che-co-thu-suoi-giang',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Chè cổ thụ Suối Giàng',
    legalName: 'Hợp tác xã Chè cổ thụ Suối Giàng',
    provinceCode: '15',
    formerProvinceCode: '15',
    regionType: 'MOUNTAIN',
    commune: 'xã Suối Giàng',
    addressLine: 'Bản Pang Cáng',
    phone: '0216 3 887 302',
    descriptionVi:
      'Chè Shan tuyết Suối Giàng từ những cây chè cổ hàng trăm năm tuổi ở độ cao 1.300 m, do bà con người Mông hái và chế biến. Có chè xanh, hồng trà và bạch trà; đạt OCOP 4 sao.',
    bank: 'BIDV',
    owner: person('Sùng A Chu'),
  }),
  producer({
    slug: 'htx-hat-de-trung-khanh',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Hạt dẻ Trùng Khánh',
    legalName: 'Hợp tác xã Nông lâm nghiệp Hạt dẻ Trùng Khánh',
    provinceCode: '04',
    regionType: 'BORDER',
    commune: 'xã Trùng Khánh',
    addressLine: 'Xóm Pác Rình',
    phone: '0206 3 826 118',
    descriptionVi:
      'Hạt dẻ Trùng Khánh thu hái từ rừng dẻ của bà con người Tày, người Nùng vào tháng 9 – tháng 10; hạt nhỏ, bùi và thơm. Cung cấp hạt dẻ tươi đã phân loại và hạt dẻ rang đóng gói hút chân không.',
    bank: 'Agribank',
    owner: person('Nông Thị Hạnh'),
  }),
  producer({
    slug: 'htx-mien-dong-na-ri',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Miến dong Na Rì',
    legalName: 'Hợp tác xã Miến dong Na Rì',
    provinceCode: '19',
    formerProvinceCode: '06',
    regionType: 'MOUNTAIN',
    commune: 'xã Na Rì',
    addressLine: 'Thôn Pàn Xá',
    phone: '0209 3 884 562',
    descriptionVi:
      'Miến làm từ 100% tinh bột củ dong riềng trồng tại địa phương, tráng và phơi nắng tự nhiên, không chất tẩy trắng. Sợi miến dai, không nát khi nấu. Sản phẩm OCOP 4 sao, đóng gói 300 g, 500 g và bao 10 kg cho bếp ăn.',
    descriptionEn:
      'Glass noodles made only from locally grown arrowroot starch, sun-dried with no bleaching agents; they stay firm when cooked. 4-star OCOP. Packs of 300 g and 500 g, and 10 kg sacks for catering.',
    bank: 'Agribank',
    owner: phonePerson('Hoàng Văn Quý', '0912 000 003'),
  }),
  producer({
    slug: 'htx-na-chi-lang',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Na Chi Lăng',
    legalName: 'Hợp tác xã Dịch vụ Nông nghiệp Na Chi Lăng',
    provinceCode: '20',
    regionType: 'MOUNTAIN',
    commune: 'xã Chi Lăng',
    addressLine: 'Thôn Hữu Lân',
    phone: '0205 3 820 733',
    descriptionVi:
      'Na Chi Lăng trồng trên núi đá vôi, quả to, múi dày, ngọt đậm; mang chỉ dẫn địa lý “Na Chi Lăng”. Vụ thu hoạch tháng 7 – tháng 9, đóng thùng xốp có lưới bảo vệ từng quả. Vườn đạt VietGAP.',
    bank: 'VietinBank',
    owner: person('Lương Văn Đức'),
  }),
  producer({
    slug: 'hoa-hoi-xu-lang',
    legalForm: 'COMPANY',
    displayName: 'Hoa Hồi Xứ Lạng',
    legalName: 'Công ty TNHH Hoa Hồi Xứ Lạng',
    provinceCode: '20',
    regionType: 'BORDER',
    commune: 'xã Hoàng Văn Thụ',
    addressLine: 'Thôn Nà Pàn',
    phone: '0205 3 880 915',
    descriptionVi:
      'Thu mua và sơ chế hoa hồi khô, tinh dầu hồi từ vùng hồi biên giới Lạng Sơn. Hồi mùa thu hoạch tháng 8, hồi chiêm tháng 3; sấy khô đến độ ẩm dưới 13%, đóng bao 25 kg. Một phần vùng nguyên liệu đạt chứng nhận hữu cơ TCVN 11041.',
    descriptionEn:
      'Buys and processes dried star anise and anise oil from the border growing area of Lạng Sơn. Main crop in August, second crop in March; dried to below 13% moisture and packed in 25 kg bags. Part of the growing area is certified organic (TCVN 11041).',
    bank: 'Vietcombank',
    owner: person('Hoàng Minh Tuấn'),
    members: [person('Vi Thị Thu')],
  }),
  producer({
    slug: 'htx-xoai-tron-yen-chau',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Xoài tròn Yên Châu',
    legalName: 'Hợp tác xã Nông nghiệp Xoài tròn Yên Châu',
    provinceCode: '14',
    regionType: 'MOUNTAIN',
    commune: 'xã Yên Châu',
    addressLine: 'Bản Tà Vắt',
    phone: '0212 3 840 256',
    descriptionVi:
      'Xoài tròn Yên Châu – giống xoài bản địa quả nhỏ, thịt vàng, thơm đậm, được bảo hộ chỉ dẫn địa lý. 48 hộ người Thái trồng theo VietGAP; thu hoạch tháng 5 – tháng 6.',
    bank: 'Agribank',
    owner: phonePerson('Lò Văn Hùng', '0912 000 004'),
  }),
  producer({
    slug: 'htx-che-thao-nguyen-moc-chau',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Chè Thảo Nguyên Mộc Châu',
    legalName: 'Hợp tác xã Chè Thảo Nguyên Mộc Châu',
    provinceCode: '14',
    regionType: 'MOUNTAIN',
    commune: 'phường Thảo Nguyên',
    addressLine: 'Tiểu khu 19/5',
    phone: '0212 3 866 590',
    descriptionVi:
      'Đồi chè Ô long và chè xanh trên cao nguyên Mộc Châu, canh tác theo VietGAP, một phần đạt chứng nhận hữu cơ. Ngoài chè, hợp tác xã cung cấp mận hậu theo mùa (tháng 5 – tháng 6).',
    bank: 'BIDV',
    owner: person('Đinh Thị Phương'),
  }),
  producer({
    slug: 'ca-phe-arabica-lo-van-tuan',
    legalForm: 'INDIVIDUAL',
    displayName: 'Cà phê Arabica Chiềng Ban – Lò Văn Tuấn',
    legalName: 'Lò Văn Tuấn',
    personalId: { formerProvince: '14', year: 1990 },
    provinceCode: '14',
    regionType: 'MOUNTAIN',
    commune: 'xã Chiềng Mai',
    addressLine: 'Bản Chiềng Ban',
    phone: '0965 812 034',
    descriptionVi:
      'Cà phê Arabica trồng trên nương của gia đình người Thái ở độ cao 1.000 m, hái chọn quả chín, sơ chế tự nhiên. Bán nhân xanh theo bao 30 kg và cà phê rang mộc.',
    bank: 'LPBank',
    verificationStatus: 'UNVERIFIED',
    owner: phonePerson('Lò Văn Tuấn', '0912 000 011'),
  }),
  producer({
    slug: 'htx-gao-tam-muong-thanh',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Gạo Tám Mường Thanh',
    legalName: 'Hợp tác xã Nông nghiệp Gạo Tám Mường Thanh',
    provinceCode: '11',
    regionType: 'MOUNTAIN',
    commune: 'xã Thanh Nưa',
    addressLine: 'Bản Co Mỵ',
    phone: '0215 3 825 604',
    descriptionVi:
      'Gạo Tám thơm và gạo Séng Cù trồng trên cánh đồng Mường Thanh, chỉ dẫn địa lý “Gạo Điện Biên”. Xay xát trong ngày, đóng túi hút chân không 5 kg; nhận hợp đồng bao tiêu theo vụ.',
    descriptionEn:
      'Fragrant Tám and Séng Cù rice from the Mường Thanh valley, under the geographical indication “Điện Biên rice”. Milled to order and vacuum-packed in 5 kg bags; seasonal supply contracts welcome.',
    bank: 'Agribank',
    owner: person('Lò Văn Thắng'),
  }),
  producer({
    slug: 'htx-sam-lai-chau-muong-te',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Sâm Lai Châu Mường Tè',
    legalName: 'Hợp tác xã Dược liệu Sâm Lai Châu Mường Tè',
    provinceCode: '12',
    regionType: 'BORDER',
    commune: 'xã Mường Tè',
    addressLine: 'Bản Nậm Củm',
    phone: '0213 3 881 206',
    descriptionVi:
      'Trồng sâm Lai Châu (Panax vietnamensis var. fuscidiscus) dưới tán rừng ở độ cao trên 1.600 m cùng bà con người Hà Nhì, người La Hủ. Cung cấp củ sâm tươi từ 5 năm tuổi có giấy xác nhận nguồn gốc, sâm ngâm mật ong và sâm thái lát sấy.',
    bank: 'Agribank',
    owner: phonePerson('Pờ Thị Cà', '0912 000 005'),
  }),
  producer({
    slug: 'htx-vai-thieu-phuong-son',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Vải thiều Phượng Sơn',
    legalName: 'Hợp tác xã Vải thiều Phượng Sơn Lục Ngạn',
    provinceCode: '24',
    formerProvinceCode: '24',
    regionType: 'MOUNTAIN',
    commune: 'xã Phượng Sơn',
    addressLine: 'Thôn Mai Hoa',
    phone: '0204 3 882 319',
    descriptionVi:
      'Vải thiều Lục Ngạn chỉ dẫn địa lý, vườn đạt VietGAP và GlobalGAP, có mã số vùng trồng xuất khẩu sang Nhật Bản và Mỹ. Thu hoạch tháng 6 – tháng 7; vải tươi đóng thùng lạnh và vải sấy khô.',
    descriptionEn:
      'Lục Ngạn lychee under its geographical indication, from VietGAP and GlobalGAP orchards registered for export to Japan and the United States. Harvest in June–July; fresh lychee in chilled cartons, and dried lychee.',
    bank: 'BIDV',
    owner: person('Giáp Văn Toàn'),
  }),
  producer({
    slug: 'htx-cam-cao-phong',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Cam Cao Phong',
    legalName: 'Hợp tác xã Cây ăn quả Cao Phong',
    provinceCode: '25',
    formerProvinceCode: '17',
    regionType: 'MOUNTAIN',
    commune: 'xã Cao Phong',
    addressLine: 'Xóm Đồng Bước',
    phone: '0218 3 846 219',
    descriptionVi:
      'Cam Cao Phong (cam Xã Đoài, cam lòng vàng) trồng trên đồi của bà con người Mường, chỉ dẫn địa lý “Cam Cao Phong”. Thu hoạch từ tháng 10 đến tháng 2, phân loại theo cỡ, đóng thùng 10 kg.',
    bank: 'Agribank',
    owner: phonePerson('Bùi Văn Thịnh', '0912 000 006'),
  }),
  // ── Islands of the Gulf of Tonkin ────────────────────────────────────────────────────────────────
  producer({
    slug: 'cha-muc-co-to-thanh-huong',
    legalForm: 'HOUSEHOLD_BUSINESS',
    displayName: 'Chả mực Cô Tô – Cơ sở Thanh Hương',
    legalName: 'Hộ kinh doanh Nguyễn Thị Thanh Hương',
    personalId: { formerProvince: '22', year: 1979, female: true },
    provinceCode: '22',
    regionType: 'ISLAND',
    commune: 'đặc khu Cô Tô',
    addressLine: 'Khu 3',
    phone: '0986 254 117',
    descriptionVi:
      'Chả mực giã tay từ mực ống câu đêm quanh đảo Cô Tô, không dùng hàn the và chất bảo quản. Đóng khay 500 g, cấp đông nhanh, vận chuyển bằng xe lạnh và tàu cao tốc về đất liền.',
    bank: 'Vietcombank',
    owner: person('Nguyễn Thị Thanh Hương'),
  }),
  producer({
    slug: 'htx-sa-sung-quan-lan',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Sá sùng Quan Lạn',
    legalName: 'Hợp tác xã Thủy sản Sá sùng Quan Lạn',
    provinceCode: '22',
    regionType: 'ISLAND',
    commune: 'đặc khu Vân Đồn',
    addressLine: 'Thôn Đông Hải, đảo Quan Lạn',
    phone: '0203 3 874 512',
    descriptionVi:
      'Sá sùng khai thác thủ công ở bãi triều Quan Lạn – Minh Châu, làm sạch và phơi khô tự nhiên. Sá sùng khô loại 1 đóng hộp 100 g và 500 g, dùng nấu nước dùng phở và làm quà biếu.',
    bank: 'BIDV',
    owner: person('Phạm Văn Khải'),
  }),
  producer({
    slug: 'htx-nuoc-mam-cat-hai',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Nước mắm Cát Hải',
    legalName: 'Hợp tác xã Chế biến Thủy sản Cát Hải',
    provinceCode: '31',
    formerProvinceCode: '31',
    regionType: 'ISLAND',
    commune: 'đặc khu Cát Hải',
    addressLine: 'Tổ dân phố Hải Phong',
    phone: '0225 3 886 347',
    descriptionVi:
      'Nước mắm cốt ủ chượp từ cá nục, cá cơm vùng biển Cát Hải – Cát Bà trong thùng gỗ 12 tháng, độ đạm 25–40°N. Đóng chai thủy tinh 500 ml và can 5 lít; đạt OCOP 4 sao.',
    bank: 'VietinBank',
    owner: person('Vũ Văn Cường'),
  }),
  // ── North Central and Central Highlands ──────────────────────────────────────────────────────────
  producer({
    slug: 'htx-que-ngoc-thuong-xuan',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Quế Ngọc Thường Xuân',
    legalName: 'Hợp tác xã Nông lâm nghiệp Quế Ngọc Thường Xuân',
    provinceCode: '38',
    regionType: 'MOUNTAIN',
    commune: 'xã Vạn Xuân',
    addressLine: 'Thôn Cọc',
    phone: '0237 3 877 614',
    descriptionVi:
      'Quế Ngọc (quế Thanh) bóc vỏ từ cây 15 năm tuổi trở lên trong rừng của bà con người Thái, người Mường ở Thường Xuân. Vỏ dày, nhiều tinh dầu; cung cấp quế cuộn, quế thanh và bột quế.',
    bank: 'Agribank',
    owner: person('Lò Thị Xuân'),
  }),
  producer({
    slug: 'htx-gung-mat-ong-ky-son',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Gừng và Mật ong Kỳ Sơn',
    legalName: 'Hợp tác xã Nông sản Kỳ Sơn',
    provinceCode: '40',
    regionType: 'BORDER',
    commune: 'xã Mường Xén',
    addressLine: 'Bản Huồi Pốc',
    phone: '0238 3 875 520',
    descriptionVi:
      'Gừng núi và mật ong rừng của bà con người Mông, người Khơ Mú vùng biên giới Kỳ Sơn. Gừng củ nhỏ, cay nồng; cung cấp gừng tươi, gừng sấy lát và trà gừng.',
    bank: 'Agribank',
    verificationStatus: 'UNVERIFIED',
    owner: person('Vừ Bá Dình'),
  }),
  producer({
    slug: 'htx-buoi-phuc-trach',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Bưởi Phúc Trạch',
    legalName: 'Hợp tác xã Bưởi Phúc Trạch Hương Khê',
    provinceCode: '42',
    commune: 'xã Phúc Trạch',
    addressLine: 'Thôn Tân Hà',
    phone: '0239 3 876 155',
    descriptionVi:
      'Bưởi Phúc Trạch ruột hồng, vỏ mỏng, mọng nước, chỉ dẫn địa lý “Bưởi Phúc Trạch”. Thu hoạch từ tháng 8 đến tháng 11; bảo quản được 3 tháng, phù hợp đơn xuất khẩu đường biển.',
    descriptionEn:
      'Phúc Trạch pink pomelo: thin-skinned and juicy, under the geographical indication “Phúc Trạch pomelo”. Harvest from August to November; keeps for three months, so it suits sea-freight export.',
    bank: 'Vietcombank',
    owner: person('Trần Văn Lợi'),
  }),
  producer({
    slug: 'htx-ca-phe-khe-sanh',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Cà phê Khe Sanh',
    legalName: 'Hợp tác xã Cà phê Khe Sanh Hướng Hóa',
    provinceCode: '44',
    formerProvinceCode: '45',
    regionType: 'BORDER',
    commune: 'xã Khe Sanh',
    addressLine: 'Thôn Tà Đủ',
    phone: '0233 3 880 326',
    descriptionVi:
      'Cà phê chè (Arabica) và cà phê vối trồng trên đất đỏ bazan vùng biên giới Hướng Hóa; nhiều xã viên là người Bru – Vân Kiều, người Pa Kô. Cung cấp nhân xanh sàng 16–18 và cà phê rang theo đơn.',
    descriptionEn:
      'Arabica and Robusta grown on red basalt soil in the Hướng Hóa border highlands; many members are Bru–Vân Kiều and Pa Kô farmers. Green beans (screen 16–18) and roasting to order.',
    bank: 'Agribank',
    owner: person('Hồ Văn Ku'),
  }),
  producer({
    slug: 'ca-gai-leo-a-luoi-ho-thi-vin',
    legalForm: 'INDIVIDUAL',
    displayName: 'Cà gai leo A Lưới – Hồ Thị Vin',
    legalName: 'Hồ Thị Vin',
    personalId: { formerProvince: '46', year: 1988, female: true },
    provinceCode: '46',
    regionType: 'MOUNTAIN',
    commune: 'xã A Lưới 2',
    addressLine: 'Thôn A Tin',
    phone: '0376 418 205',
    descriptionVi:
      'Trồng và sấy cà gai leo, chè vằng theo hướng hữu cơ trên vườn đồi của gia đình người Tà Ôi. Hàng khô đóng túi 500 g, gửi qua bưu điện.',
    bank: 'LPBank',
    owner: phonePerson('Hồ Thị Vin', '0912 000 008'),
  }),
  producer({
    slug: 'htx-que-tra-my',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Quế Trà My',
    legalName: 'Hợp tác xã Quế Trà My',
    provinceCode: '48',
    formerProvinceCode: '49',
    regionType: 'MOUNTAIN',
    commune: 'xã Trà My',
    addressLine: 'Thôn Dương Con',
    phone: '0235 3 882 417',
    descriptionVi:
      'Quế Trà My – đặc sản của đồng bào Ca Dong, Co vùng núi Trà My, chỉ dẫn địa lý “Quế Trà My”. Vỏ dày, cay và ngọt, hàm lượng tinh dầu cao; cung cấp quế ống, quế chẻ và tinh dầu quế.',
    bank: 'Agribank',
    owner: person('Hồ Văn Bốn'),
    members: [bothSides],
  }),
  producer({
    slug: 'htx-toi-ly-son',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Tỏi Lý Sơn',
    legalName: 'Hợp tác xã Nông nghiệp Tỏi Lý Sơn',
    provinceCode: '51',
    formerProvinceCode: '51',
    regionType: 'ISLAND',
    commune: 'đặc khu Lý Sơn',
    addressLine: 'Thôn Đông An Vĩnh',
    phone: '0255 3 867 244',
    descriptionVi:
      'Tỏi cô đơn và tỏi nhiều tép trồng trên cát biển và đất núi lửa đảo Lý Sơn, chỉ dẫn địa lý “Tỏi Lý Sơn”. Thu hoạch tháng 2 – tháng 3, phơi khô, bó 1 kg và đóng thùng 10 kg.',
    descriptionEn:
      'Single-clove and multi-clove garlic grown on sea sand and volcanic soil on Lý Sơn island, under the geographical indication “Lý Sơn garlic”. Harvested February–March, sun-dried, sold in 1 kg bunches and 10 kg cartons.',
    bank: 'Vietcombank',
    owner: person('Võ Văn Tâm'),
  }),
  producer({
    slug: 'sam-ngoc-linh-mang-ri',
    legalForm: 'COMPANY',
    displayName: 'Sâm Ngọc Linh Măng Ri',
    legalName: 'Công ty TNHH Sâm Ngọc Linh Măng Ri',
    provinceCode: '51',
    formerProvinceCode: '62',
    regionType: 'MOUNTAIN',
    commune: 'xã Măng Ri',
    addressLine: 'Thôn Long Láy 1',
    phone: '0260 3 868 810',
    descriptionVi:
      'Trồng sâm Ngọc Linh dưới tán rừng ở độ cao trên 1.800 m, liên kết với hơn 120 hộ người Xơ Đăng. Mỗi củ có tem truy xuất và giấy xác nhận tuổi; sản phẩm đạt OCOP 5 sao.',
    descriptionEn:
      'Ngọc Linh ginseng grown under forest canopy above 1,800 m with more than 120 Xơ Đăng households. Every root carries a traceability tag and an age certificate; 5-star OCOP.',
    bank: 'BIDV',
    owner: person('Nguyễn Hữu Phước'),
    members: [person('A Blưn')],
  }),
  producer({
    slug: 'htx-ho-tieu-chu-se',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Hồ tiêu Chư Sê',
    legalName: 'Hợp tác xã Nông nghiệp Hồ tiêu Chư Sê',
    provinceCode: '52',
    formerProvinceCode: '64',
    regionType: 'REMOTE',
    commune: 'xã Chư Sê',
    addressLine: 'Làng Ia Blang',
    phone: '0269 3 883 465',
    descriptionVi:
      'Hồ tiêu đen Chư Sê hạt chắc, dung trọng 550–600 g/l, chỉ dẫn địa lý “Hồ tiêu Chư Sê”. Hợp tác xã của bà con người Gia Rai và người Kinh, canh tác theo hướng hữu cơ; có tiêu đen, tiêu đỏ và tiêu sọ.',
    descriptionEn:
      'Chư Sê black pepper, dense berries of 550–600 g/l, under the geographical indication “Chư Sê pepper”. A cooperative of Jarai and Kinh farmers growing towards organic standards; black, red and white pepper.',
    bank: 'Agribank',
    owner: person('Rơ Mah Hlin'),
  }),
  producer({
    slug: 'htx-ca-phe-hoa-thuan',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Cà phê Hòa Thuận Buôn Ma Thuột',
    legalName: 'Hợp tác xã Nông nghiệp Dịch vụ Cà phê Hòa Thuận',
    provinceCode: '66',
    formerProvinceCode: '66',
    commune: 'phường Buôn Ma Thuột',
    addressLine: 'Buôn Kô Tam',
    phone: '0262 3 851 732',
    descriptionVi:
      'Cà phê vối (Robusta) chỉ dẫn địa lý “Cà phê Buôn Ma Thuột”, hái chín trên 90%, phơi giàn. Cung cấp nhân xanh sàng 16–18, cà phê rang xay và cà phê phin giấy; vùng trồng đạt chứng nhận 4C.',
    descriptionEn:
      'Robusta under the geographical indication “Buôn Ma Thuột coffee”, over 90% ripe cherries, dried on raised beds. Green beans (screen 16–18), roast and ground, and drip bags; the growing area is 4C-certified.',
    bank: 'Vietcombank',
    owner: person("H'Nhi Niê"),
  }),
  // ── South Central coast and the southern highlands ───────────────────────────────────────────────
  producer({
    slug: 'yen-sao-vinh-luong',
    legalForm: 'COMPANY',
    displayName: 'Yến sào Vĩnh Lương',
    legalName: 'Công ty TNHH Yến sào Vĩnh Lương',
    provinceCode: '56',
    formerProvinceCode: '56',
    commune: 'phường Bắc Nha Trang',
    addressLine: 'Số 18 đường Phạm Văn Đồng',
    phone: '0258 3 561 488',
    descriptionVi:
      'Yến sào nhà nuôi tại Khánh Hòa, làm sạch thủ công, không tẩy trắng. Tổ yến tinh chế và yến chưng sẵn lọ 70 ml; đạt HACCP và ISO 22000, có mã số cơ sở cho xuất khẩu.',
    descriptionEn:
      'Farmed edible bird’s nest from Khánh Hòa, cleaned by hand with no bleaching. Cleaned nests and ready-to-drink 70 ml jars; HACCP and ISO 22000 certified, registered for export.',
    bank: 'Vietcombank',
    owner: person('Trương Minh Khoa'),
  }),
  producer({
    slug: 'htx-nho-toi-phuoc-dan',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Nho và Tỏi Phước Dân',
    legalName: 'Hợp tác xã Nông nghiệp Phước Dân',
    provinceCode: '56',
    formerProvinceCode: '58',
    commune: 'xã Ninh Phước',
    addressLine: 'Thôn Vạn Phước',
    phone: '0259 3 864 370',
    descriptionVi:
      'Nho đỏ Cardinal, nho xanh NH01-48 và tỏi ta Ninh Thuận trồng trên đất cát nhiều nắng gió. Cung cấp nho tươi, nho sấy, mật nho và tỏi khô; vườn đạt VietGAP.',
    bank: 'Sacombank',
    owner: person('Đàng Văn Thành'),
  }),
  producer({
    slug: 'htx-atiso-lang-biang',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Atiso Lang Biang Đà Lạt',
    legalName: 'Hợp tác xã Atiso Lang Biang',
    provinceCode: '68',
    formerProvinceCode: '68',
    commune: 'phường Lang Biang - Đà Lạt',
    addressLine: 'Tổ dân phố Đăng Gia',
    phone: '0263 3 832 590',
    descriptionVi:
      'Atiso Đà Lạt trồng theo VietGAP; cung cấp hoa atiso tươi, trà atiso túi lọc, cao atiso và thân rễ sấy khô. Sản phẩm đạt OCOP 4 sao.',
    bank: 'Agribank',
    owner: person('Nguyễn Thị Thu Trang'),
  }),
  producer({
    slug: 'htx-ca-phe-cau-dat',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Cà phê Cầu Đất',
    legalName: 'Hợp tác xã Cà phê Arabica Cầu Đất',
    provinceCode: '68',
    formerProvinceCode: '68',
    regionType: 'MOUNTAIN',
    commune: 'phường Xuân Trường - Đà Lạt',
    addressLine: 'Thôn Trường Sơn',
    phone: '0263 3 843 611',
    descriptionVi:
      'Cà phê Arabica Cầu Đất trồng ở độ cao 1.500 m, sơ chế ướt và sơ chế mật ong (honey). Nhân xanh sàng 16 trở lên và cà phê rang nguyên hạt cho quán và chuỗi bán lẻ.',
    descriptionEn:
      'Cầu Đất Arabica grown at 1,500 m, washed and honey-processed. Green beans (screen 16 and up) and whole-bean roasts for cafés and retail chains.',
    bank: 'BIDV',
    owner: person('Lê Quang Vinh'),
    members: [person("Ka H'Uyên")],
  }),
  producer({
    slug: 'hai-san-kho-phu-quy-bay-lan',
    legalForm: 'HOUSEHOLD_BUSINESS',
    displayName: 'Hải sản khô Phú Quý – Cơ sở Bảy Lan',
    legalName: 'Hộ kinh doanh Trần Thị Lan',
    personalId: { formerProvince: '60', year: 1975, female: true },
    provinceCode: '68',
    formerProvinceCode: '60',
    regionType: 'ISLAND',
    commune: 'đặc khu Phú Quý',
    addressLine: 'Thôn Triều Dương',
    phone: '0252 3 768 905',
    descriptionVi:
      'Mực một nắng, cá thu và cá mú khô từ đảo Phú Quý, phơi trên giàn lưới, đóng gói hút chân không và cấp đông. Gửi tàu cao tốc Phú Quý – Phan Thiết hằng ngày.',
    bank: 'Agribank',
    owner: phonePerson('Trần Thị Lan', '0912 000 009'),
  }),
  producer({
    slug: 'htx-mac-ca-tuy-duc',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Mắc ca Tuy Đức',
    legalName: 'Hợp tác xã Mắc ca Tuy Đức',
    provinceCode: '68',
    formerProvinceCode: '67',
    regionType: 'BORDER',
    commune: 'xã Tuy Đức',
    addressLine: 'Bon Bu Prăng',
    phone: '0261 3 690 218',
    descriptionVi:
      'Mắc ca trồng xen cà phê ở vùng biên giới, bà con người M’Nông và người Kinh cùng canh tác. Có hạt nứt vỏ sấy, nhân mắc ca và dầu mắc ca ép lạnh.',
    bank: 'BIDV',
    verificationStatus: 'UNVERIFIED',
    owner: person('Điểu Thị Hằng'),
  }),
  // ── The south, the Mekong Delta and its islands ──────────────────────────────────────────────────
  producer({
    slug: 'hat-bang-con-dao-ut-hoa',
    legalForm: 'HOUSEHOLD_BUSINESS',
    displayName: 'Hạt bàng Côn Đảo – Cơ sở Út Hoa',
    legalName: 'Hộ kinh doanh Lê Thị Hoa',
    provinceCode: '79',
    formerProvinceCode: '77',
    regionType: 'ISLAND',
    commune: 'đặc khu Côn Đảo',
    addressLine: 'Khu dân cư số 4',
    phone: '0254 3 830 672',
    descriptionVi:
      'Hạt bàng biển nhặt trên đảo, tách thủ công từng hạt; làm hạt bàng rang muối và kẹo hạt bàng. Sản lượng ít, đóng hộp 200 g và 500 g làm quà Côn Đảo.',
    bank: 'Sacombank',
    owner: person('Lê Thị Hoa'),
  }),
  producer({
    slug: 'nuoc-mam-phu-quoc-hung-thinh',
    legalForm: 'HOUSEHOLD_BUSINESS',
    displayName: 'Cơ sở Nước mắm Phú Quốc Hưng Thịnh',
    legalName: 'Hộ kinh doanh Nguyễn Văn Hưng',
    personalId: { formerProvince: '91', year: 1970 },
    provinceCode: '91',
    formerProvinceCode: '91',
    regionType: 'ISLAND',
    commune: 'đặc khu Phú Quốc',
    addressLine: 'Khu phố 2, đường Hùng Vương',
    phone: '0297 3 846 128',
    descriptionVi:
      'Nước mắm truyền thống ủ từ cá cơm than đánh bắt quanh Phú Quốc với muối, trong thùng gỗ bời lời 12–15 tháng; chỉ dẫn địa lý “Nước mắm Phú Quốc”, được bảo hộ cả tại EU. Độ đạm 35–43°N, chai 500 ml.',
    descriptionEn:
      'Traditional fish sauce of black anchovy caught around Phú Quốc and salt, fermented 12–15 months in wooden vats; under the geographical indication “Phú Quốc fish sauce”, also protected in the EU. 35–43°N, 500 ml bottles.',
    bank: 'Vietcombank',
    owner: person('Nguyễn Văn Hưng'),
  }),
  producer({
    slug: 'htx-duong-thot-not-tri-ton',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Đường thốt nốt Tri Tôn',
    legalName: 'Hợp tác xã Thốt nốt Tri Tôn',
    provinceCode: '91',
    formerProvinceCode: '89',
    regionType: 'BORDER',
    commune: 'xã Tri Tôn',
    addressLine: 'Ấp Tô Thuận',
    phone: '0296 3 874 156',
    descriptionVi:
      'Đường thốt nốt nấu từ nước hoa thốt nốt của bà con người Khmer vùng Bảy Núi, không pha đường mía. Có đường thốt nốt bánh, đường cát và nước thốt nốt đóng lon.',
    bank: 'Agribank',
    owner: phonePerson('Chau Sóc Kha', '0912 000 010'),
  }),
  producer({
    slug: 'htx-cua-nam-can',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Cua Năm Căn',
    legalName: 'Hợp tác xã Thủy sản Sinh thái Năm Căn',
    provinceCode: '96',
    formerProvinceCode: '96',
    regionType: 'REMOTE',
    commune: 'xã Năm Căn',
    addressLine: 'Ấp Cái Nai',
    phone: '0290 3 877 215',
    descriptionVi:
      'Cua biển nuôi quảng canh dưới tán rừng đước Năm Căn, chỉ dẫn địa lý “Cua Cà Mau”. Cua gạch, cua thịt phân cỡ, buộc dây và giao sống trong 24 giờ đến TP. Hồ Chí Minh.',
    bank: 'Agribank',
    owner: person('Tô Văn Nhanh'),
  }),
  producer({
    slug: 'htx-sen-thap-muoi',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Sen Tháp Mười',
    legalName: 'Hợp tác xã Sen Tháp Mười',
    provinceCode: '82',
    formerProvinceCode: '87',
    commune: 'xã Tháp Mười',
    addressLine: 'Ấp 4',
    phone: '0277 3 824 510',
    descriptionVi:
      'Sen Tháp Mười: hạt sen tươi, hạt sen sấy, trà tim sen và ngó sen muối chua từ vùng Đồng Tháp Mười. Ruộng sen đạt VietGAP.',
    bank: 'Sacombank',
    owner: person('Nguyễn Thị Mỹ Dung'),
  }),
  producer({
    slug: 'banh-trang-phoi-suong-co-ba',
    legalForm: 'HOUSEHOLD_BUSINESS',
    displayName: 'Bánh tráng phơi sương Trảng Bàng – Cơ sở Cô Ba',
    legalName: 'Hộ kinh doanh Phạm Thị Ba',
    personalId: { formerProvince: '72', year: 1968, female: true },
    provinceCode: '80',
    formerProvinceCode: '72',
    commune: 'phường Trảng Bàng',
    addressLine: 'Khu phố Lộc Du',
    phone: '0903 441 286',
    descriptionVi:
      'Bánh tráng phơi sương làm thủ công, phơi nắng và nướng than, ăn kèm thịt heo luộc và rau rừng. Đóng gói 500 g.',
    bank: 'Sacombank',
    // Rejected by the operator: shows what a producer sees when its papers did not match.
    verificationStatus: 'REJECTED',
    owner: person('Phạm Thị Ba'),
  }),
  producer({
    slug: 'htx-lua-gao-tran-de',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Lúa gạo Trần Đề',
    legalName: 'Hợp tác xã Nông nghiệp Lúa – Tôm Trần Đề',
    provinceCode: '92',
    formerProvinceCode: '94',
    regionType: 'REMOTE',
    commune: 'xã Trần Đề',
    addressLine: 'Ấp Đại Nôn',
    phone: '0299 3 839 720',
    descriptionVi:
      'Gạo thơm ST24, ST25 trồng theo mô hình lúa – tôm trên đất giồng ven biển; hợp tác xã của bà con người Khmer và người Kinh. Đóng túi 5 kg và bao 25 kg; có chứng nhận VietGAP.',
    bank: 'Agribank',
    // Suspended by the operator: hidden from the directory until the cooperative sends a new certificate.
    suspensionReason:
      'Giấy chứng nhận VietGAP đã hết hạn. Tạm ngừng hiển thị cho đến khi hợp tác xã gửi giấy chứng nhận mới.',
    owner: person('Thạch Sô Phanh'),
  }),
  producer({
    slug: 'htx-dua-sap-cau-ke',
    legalForm: 'COOPERATIVE',
    displayName: 'HTX Dừa sáp Cầu Kè',
    legalName: 'Hợp tác xã Dừa sáp Cầu Kè',
    provinceCode: '86',
    formerProvinceCode: '84',
    commune: 'xã Cầu Kè',
    addressLine: 'Ấp Ô Tưng',
    phone: '0294 3 834 677',
    descriptionVi:
      'Dừa sáp Cầu Kè – giống dừa đặc ruột, cơm dẻo sánh, chỉ dẫn địa lý “Dừa sáp Cầu Kè”. Cung cấp trái tươi đã phân loại và kem dừa sáp cấp đông.',
    bank: 'VietinBank',
    owner: person('Kim Thị Sa Rênh'),
  }),
]

export const buyers: DemoOrganization[] = [
  buyer({
    slug: 'saigon-co-op',
    legalForm: 'COOPERATIVE',
    displayName: 'Saigon Co.op',
    legalName: 'Liên hiệp Hợp tác xã Thương mại TP. Hồ Chí Minh',
    provinceCode: '79',
    commune: 'phường Cầu Ông Lãnh',
    addressLine: 'Số 56 đường Nguyễn Thái Học',
    phone: '028 3836 0143',
    descriptionVi:
      'Hệ thống Co.opmart, Co.opXtra và Co.op Food. Phòng thu mua hàng đặc sản vùng miền tìm nhà cung cấp ổn định cho các tuần lễ đặc sản địa phương và chương trình “Người Việt Nam ưu tiên dùng hàng Việt Nam”.',
    owner: buyerOwner,
    members: [person('Đỗ Minh Quân')],
    // Purchases above 20 million đồng an order, or 150 million a month, wait for the approver.
    purchasing: [
      { person: demoPurchaser, role: 'PURCHASER', orderLimitVnd: 20_000_000n, monthlyLimitVnd: 150_000_000n },
      { person: demoApprover, role: 'APPROVER' },
    ],
    // A supermarket chain pays its suppliers on terms: 30 days after confirmation, up to 100 million đồng open.
    netTerms: { days: 30, creditLimitVnd: 100_000_000n },
  }),
  buyer({
    slug: 'winmart',
    legalForm: 'COMPANY',
    displayName: 'WinMart',
    legalName: 'Công ty Cổ phần Dịch vụ Thương mại Tổng hợp WinCommerce',
    provinceCode: '01',
    commune: 'phường Hoàn Kiếm',
    addressLine: 'Số 27 đường Lê Thánh Tông',
    phone: '024 3974 1520',
    descriptionVi:
      'Chuỗi siêu thị WinMart và cửa hàng WinMart+ trên toàn quốc. Ngành hàng thực phẩm tươi và đặc sản tìm nguồn rau quả, gạo, chè có truy xuất nguồn gốc, ưu tiên sản phẩm OCOP.',
    owner: person('Ngô Thanh Tùng'),
  }),
  buyer({
    slug: 'mm-mega-market',
    legalForm: 'COMPANY',
    displayName: 'MM Mega Market',
    legalName: 'Công ty TNHH MM Mega Market (Việt Nam)',
    provinceCode: '79',
    commune: 'phường An Khánh',
    addressLine: 'Khu B, đường Song Hành',
    phone: '028 3740 5219',
    descriptionVi:
      'Trung tâm bán sỉ cho nhà hàng, khách sạn, bếp ăn và tiểu thương. Mua nông sản, thủy hải sản vùng miền theo hợp đồng năm; yêu cầu giấy chứng nhận an toàn thực phẩm và hóa đơn điện tử.',
    descriptionEn:
      'Cash-and-carry wholesale for hotels, restaurants, caterers and small retailers. Buys regional produce and seafood on annual contracts; suppliers need food-safety certification and e-invoices.',
    owner: person('Lý Quốc Bảo'),
  }),
  buyer({
    slug: 'aeon-viet-nam',
    legalForm: 'COMPANY',
    displayName: 'AEON Việt Nam',
    legalName: 'Công ty TNHH AEON Việt Nam',
    provinceCode: '79',
    commune: 'phường Tân Sơn Nhì',
    addressLine: 'Số 8 đường Bờ Bao Tân Thắng',
    phone: '028 6288 7711',
    descriptionVi:
      'Trung tâm thương mại và siêu thị AEON tại nhiều tỉnh, thành. Bộ phận thu mua nông sản tìm nhà cung cấp có VietGAP hoặc GlobalGAP cho quầy “Đặc sản Việt Nam”.',
    descriptionEn:
      'AEON shopping malls and supermarkets in several provinces and cities. The fresh produce buying team sources VietGAP- or GlobalGAP-certified regional specialities for its “Vietnamese specialities” corner.',
    owner: person('Nguyễn Hoàng Yến'),
    members: [person('Kenji Tanaka', { locale: 'en' })],
  }),
  buyer({
    slug: 'bach-hoa-xanh',
    legalForm: 'COMPANY',
    displayName: 'Bách Hóa Xanh',
    legalName: 'Công ty Cổ phần Thương mại Bách Hóa Xanh',
    provinceCode: '79',
    commune: 'phường Tân Định',
    addressLine: 'Số 128 đường Trần Quang Khải',
    phone: '028 3811 5230',
    descriptionVi:
      'Chuỗi cửa hàng thực phẩm tươi và hàng tiêu dùng tại các tỉnh phía Nam. Mua rau củ, trái cây, gạo và đặc sản theo đơn hằng tuần, giao về kho trung chuyển tại TP. Hồ Chí Minh.',
    owner: person('Huỳnh Văn Tài'),
  }),
  buyer({
    slug: 'nong-san-sach-mien-bac',
    legalForm: 'COMPANY',
    displayName: 'Nông Sản Sạch Miền Bắc',
    legalName: 'Công ty TNHH Phân phối Nông sản Sạch Miền Bắc',
    provinceCode: '01',
    commune: 'phường Long Biên',
    addressLine: 'Số 15 ngõ 42 đường Ngọc Lâm',
    phone: '024 3872 6655',
    descriptionVi:
      'Nhà phân phối đặc sản miền núi phía Bắc cho hơn 300 cửa hàng thực phẩm sạch và bếp ăn tại Hà Nội; kho lạnh 800 m² ở Long Biên.',
    verificationStatus: 'UNVERIFIED',
    owner: person('Đặng Quốc Huy'),
  }),
  buyer({
    slug: 'dac-san-ba-mien',
    legalForm: 'COMPANY',
    displayName: 'Đặc sản Ba Miền',
    legalName: 'Công ty Cổ phần Đặc sản Ba Miền',
    provinceCode: '48',
    commune: 'phường Hải Châu',
    addressLine: 'Số 88 đường Trần Phú',
    phone: '0236 3 821 447',
    descriptionVi:
      'Phân phối đặc sản vùng miền cho cửa hàng quà tặng, khách sạn và sân bay miền Trung; làm đầu mối tiêu thụ cho các hợp tác xã vùng núi Quảng Nam cũ.',
    owner: bothSides,
  }),
  buyer({
    slug: 'harvest-link-singapore',
    legalForm: 'COMPANY',
    displayName: 'Harvest Link Trading (Singapore)',
    legalName: 'Văn phòng đại diện Harvest Link Trading Pte. Ltd. tại TP. Hồ Chí Minh',
    provinceCode: '79',
    commune: 'phường Sài Gòn',
    addressLine: 'Tầng 12, số 2 đường Hai Bà Trưng',
    phone: '028 3827 9044',
    descriptionVi:
      'Văn phòng đại diện của một nhà nhập khẩu thực phẩm Singapore, tìm nguồn hồ tiêu, quế, hồi, cà phê và trái cây sấy cho thị trường Singapore, Malaysia và Úc.',
    descriptionEn:
      'Vietnam representative office of a Singapore food importer, sourcing pepper, cinnamon, star anise, coffee and dried fruit for Singapore, Malaysia and Australia. We buy FOB Cát Lái or CIF Singapore, priced in USD.',
    owner: exportBuyer,
  }),
  buyer({
    slug: 'sakura-foods-japan',
    legalForm: 'COMPANY',
    displayName: 'Sakura Foods Japan',
    legalName: 'Văn phòng đại diện Sakura Foods Trading Co., Ltd. tại Hà Nội',
    provinceCode: '01',
    commune: 'phường Cầu Giấy',
    addressLine: 'Tầng 9, số 34 đường Duy Tân',
    phone: '024 3795 3318',
    descriptionVi:
      'Văn phòng đại diện của một nhà nhập khẩu Nhật Bản, thu mua chè xanh, vải thiều, thanh long và gia vị đạt GlobalGAP hoặc hữu cơ JAS.',
    descriptionEn:
      'Hanoi representative office of a Japanese importer of tea, lychee, dragon fruit and spices. Suppliers need GlobalGAP or JAS organic certification and full traceability; we visit before the first order.',
    owner: person('Yuki Sato', { locale: 'en' }),
    members: [person('Vũ Thu Trang')],
  }),
  buyer({
    slug: 'mekong-fine-foods',
    legalForm: 'COMPANY',
    displayName: 'Mekong Fine Foods',
    legalName: 'Công ty TNHH Xuất nhập khẩu Mekong Fine Foods',
    provinceCode: '92',
    commune: 'phường Ninh Kiều',
    addressLine: 'Số 25 đường Hai Bà Trưng',
    phone: '0292 3 812 609',
    descriptionVi:
      'Xuất khẩu gạo thơm, trái cây sấy và đặc sản đồng bằng sông Cửu Long sang EU và Hàn Quốc; có xưởng đóng gói đạt BRC tại Cần Thơ.',
    descriptionEn:
      'Exports fragrant rice, dried fruit and Mekong Delta specialities to the EU and South Korea from a BRC-certified packing plant in Cần Thơ.',
    owner: person('Lâm Thanh Phong'),
  }),
]
