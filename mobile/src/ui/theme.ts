/** Design tokens: every colour, spacing and type size on screen comes from here. */
export const colors = {
  background: '#FAFAF7',
  surface: '#FFFFFF',
  text: '#1B1B1F',
  muted: '#6B6B76',
  border: '#E3E3E8',
  primary: '#1F6FEB',
  onPrimary: '#FFFFFF',
  danger: '#C62828',
  success: '#2E7D32',
  warning: '#B26A00',
  badge: '#E53935',
} as const;

export const spacing = {xs: 4, sm: 8, md: 12, lg: 16, xl: 24, xxl: 32} as const;

export const radius = {sm: 6, md: 10, lg: 16} as const;

export const type = {
  title: {fontSize: 22, fontWeight: '700' as const, color: colors.text},
  heading: {fontSize: 17, fontWeight: '600' as const, color: colors.text},
  body: {fontSize: 15, color: colors.text},
  caption: {fontSize: 13, color: colors.muted},
  price: {fontSize: 16, fontWeight: '700' as const, color: colors.text},
};
