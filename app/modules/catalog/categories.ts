// Browser-safe: the trade's own two-level category tree. Slugs are stable (URLs, the API, CSV files and the
// seed use them) and unique across both levels, so a child slug alone names a category.

export type CategoryNode = { slug: string; nameVi: string; nameEn: string }
export type CategoryTreeNode = CategoryNode & { children: CategoryNode[] }

export const categoryTree: CategoryTreeNode[] = [
  {
    slug: 'tea-coffee',
    nameVi: 'Chè & cà phê',
    nameEn: 'Tea & coffee',
    children: [
      { slug: 'tea', nameVi: 'Chè (trà)', nameEn: 'Tea' },
      { slug: 'coffee', nameVi: 'Cà phê', nameEn: 'Coffee' },
      { slug: 'cocoa', nameVi: 'Ca cao', nameEn: 'Cocoa' },
    ],
  },
  {
    slug: 'rice-grains',
    nameVi: 'Gạo & ngũ cốc',
    nameEn: 'Rice & grains',
    children: [
      { slug: 'rice', nameVi: 'Gạo tẻ', nameEn: 'Rice' },
      { slug: 'glutinous-rice', nameVi: 'Gạo nếp', nameEn: 'Glutinous rice' },
      { slug: 'noodles', nameVi: 'Miến, bún, phở khô', nameEn: 'Noodles & vermicelli' },
      { slug: 'corn-cereals', nameVi: 'Ngô & ngũ cốc khác', nameEn: 'Maize & other cereals' },
    ],
  },
  {
    slug: 'honey',
    nameVi: 'Mật ong & sản phẩm từ ong',
    nameEn: 'Honey & bee products',
    children: [
      { slug: 'wild-honey', nameVi: 'Mật ong rừng', nameEn: 'Wild honey' },
      { slug: 'flower-honey', nameVi: 'Mật ong hoa', nameEn: 'Flower honey' },
      { slug: 'bee-products', nameVi: 'Phấn hoa, sữa ong chúa, sáp ong', nameEn: 'Pollen, royal jelly & beeswax' },
    ],
  },
  {
    slug: 'spices',
    nameVi: 'Gia vị & nước chấm',
    nameEn: 'Spices & condiments',
    children: [
      { slug: 'pepper', nameVi: 'Hồ tiêu', nameEn: 'Pepper' },
      { slug: 'star-anise-cinnamon', nameVi: 'Hồi, quế', nameEn: 'Star anise & cinnamon' },
      { slug: 'cardamom', nameVi: 'Thảo quả', nameEn: 'Black cardamom' },
      { slug: 'garlic-chilli', nameVi: 'Tỏi, ớt, sả', nameEn: 'Garlic, chilli & lemongrass' },
      { slug: 'fish-sauce', nameVi: 'Nước mắm', nameEn: 'Fish sauce' },
      { slug: 'salt-seasonings', nameVi: 'Muối & gia vị chế biến', nameEn: 'Salt & seasonings' },
    ],
  },
  {
    slug: 'fruit',
    nameVi: 'Trái cây',
    nameEn: 'Fruit',
    children: [
      { slug: 'fresh-fruit', nameVi: 'Trái cây tươi', nameEn: 'Fresh fruit' },
      { slug: 'dried-fruit', nameVi: 'Trái cây sấy', nameEn: 'Dried fruit' },
      { slug: 'preserved-fruit', nameVi: 'Ô mai, mứt', nameEn: 'Preserved fruit & jams' },
    ],
  },
  {
    slug: 'vegetables',
    nameVi: 'Rau, củ & nấm',
    nameEn: 'Vegetables & mushrooms',
    children: [
      { slug: 'fresh-vegetables', nameVi: 'Rau, củ tươi', nameEn: 'Fresh vegetables' },
      { slug: 'mushrooms', nameVi: 'Nấm', nameEn: 'Mushrooms' },
      { slug: 'bamboo-shoots', nameVi: 'Măng', nameEn: 'Bamboo shoots' },
      { slug: 'dried-vegetables', nameVi: 'Rau củ khô', nameEn: 'Dried vegetables' },
    ],
  },
  {
    slug: 'nuts-seeds',
    nameVi: 'Hạt',
    nameEn: 'Nuts & seeds',
    children: [
      { slug: 'cashews', nameVi: 'Hạt điều', nameEn: 'Cashews' },
      { slug: 'chestnuts', nameVi: 'Hạt dẻ', nameEn: 'Chestnuts' },
      { slug: 'macadamia', nameVi: 'Mắc ca', nameEn: 'Macadamia' },
      { slug: 'other-nuts', nameVi: 'Các loại hạt khác', nameEn: 'Other nuts & seeds' },
    ],
  },
  {
    slug: 'dried-meat-seafood',
    nameVi: 'Thịt khô & hải sản',
    nameEn: 'Dried meat & seafood',
    children: [
      { slug: 'dried-meat', nameVi: 'Thịt gác bếp, lạp xưởng', nameEn: 'Smoked & dried meat' },
      { slug: 'dried-seafood', nameVi: 'Hải sản khô', nameEn: 'Dried seafood' },
      { slug: 'processed-seafood', nameVi: 'Chả mực & hải sản chế biến', nameEn: 'Squid cakes & processed seafood' },
    ],
  },
  {
    slug: 'medicinal-herbs',
    nameVi: 'Dược liệu',
    nameEn: 'Medicinal herbs',
    children: [
      { slug: 'ginseng', nameVi: 'Sâm', nameEn: 'Ginseng' },
      { slug: 'herbal-tea', nameVi: 'Trà thảo dược', nameEn: 'Herbal tea' },
      { slug: 'dried-herbs', nameVi: 'Dược liệu khô', nameEn: 'Dried medicinal plants' },
      { slug: 'birds-nest', nameVi: 'Yến sào', nameEn: 'Edible bird’s nest' },
    ],
  },
  {
    slug: 'drinks',
    nameVi: 'Đồ uống',
    nameEn: 'Drinks',
    children: [
      { slug: 'traditional-wine', nameVi: 'Rượu truyền thống', nameEn: 'Traditional rice & fruit wine' },
      { slug: 'juices-syrups', nameVi: 'Nước ép & siro', nameEn: 'Juices & syrups' },
      { slug: 'instant-drinks', nameVi: 'Đồ uống pha sẵn', nameEn: 'Instant & ready-to-drink' },
    ],
  },
  {
    slug: 'processed-foods',
    nameVi: 'Bánh kẹo & thực phẩm chế biến',
    nameEn: 'Confectionery & processed foods',
    children: [
      { slug: 'cakes-sweets', nameVi: 'Bánh, kẹo', nameEn: 'Cakes & sweets' },
      { slug: 'pickles-sauces', nameVi: 'Dưa, muối chua & tương', nameEn: 'Pickles & sauces' },
      { slug: 'oils', nameVi: 'Dầu ăn & tinh dầu', nameEn: 'Cooking & essential oils' },
    ],
  },
  {
    slug: 'crafts',
    nameVi: 'Thủ công mỹ nghệ',
    nameEn: 'Crafts',
    children: [
      { slug: 'brocade-textiles', nameVi: 'Thổ cẩm & dệt may', nameEn: 'Brocade & textiles' },
      { slug: 'bamboo-rattan', nameVi: 'Mây tre đan', nameEn: 'Bamboo & rattan' },
      { slug: 'pottery', nameVi: 'Gốm', nameEn: 'Pottery' },
      { slug: 'woodwork', nameVi: 'Đồ gỗ', nameEn: 'Woodwork' },
    ],
  },
]

const bySlug = new Map<string, CategoryNode & { parent: CategoryNode | null }>()
for (const top of categoryTree) {
  bySlug.set(top.slug, { slug: top.slug, nameVi: top.nameVi, nameEn: top.nameEn, parent: null })
  for (const child of top.children) bySlug.set(child.slug, { ...child, parent: top })
}

export const categorySlugs = [...bySlug.keys()]

export function isCategorySlug(slug: string) {
  return bySlug.has(slug)
}

/** A category of the tree by slug, with its parent (null for a top-level one). */
export function findCategory(slug: string) {
  return bySlug.get(slug) ?? null
}

/** A category's name in the reader's language. */
export function categoryName(c: { nameVi: string; nameEn: string }, lang: 'vi' | 'en') {
  return lang === 'en' ? c.nameEn : c.nameVi
}
