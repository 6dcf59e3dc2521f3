import React from 'react';
import {
  ActivityIndicator,
  Pressable,
  StyleSheet,
  Text,
  TextInput,
  View,
  type TextInputProps,
  type ViewStyle,
} from 'react-native';
import {colors, radius, spacing, type} from './theme';

export function Screen({children, style}: {children: React.ReactNode; style?: ViewStyle}) {
  return <View style={[styles.screen, style]}>{children}</View>;
}

export function Button({
  title,
  onPress,
  disabled,
  kind = 'primary',
  testID,
}: {
  title: string;
  onPress: () => void;
  disabled?: boolean;
  kind?: 'primary' | 'secondary' | 'danger';
  testID?: string;
}) {
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityState={{disabled: !!disabled}}
      disabled={disabled}
      onPress={onPress}
      testID={testID}
      style={[
        styles.button,
        kind === 'secondary' && styles.buttonSecondary,
        kind === 'danger' && styles.buttonDanger,
        disabled && styles.buttonDisabled,
      ]}>
      <Text style={[styles.buttonText, kind === 'secondary' && styles.buttonTextSecondary]}>{title}</Text>
    </Pressable>
  );
}

export function Field({label, error, ...input}: TextInputProps & {label: string; error?: string}) {
  return (
    <View style={styles.field}>
      <Text style={type.caption}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        placeholderTextColor={colors.muted}
        style={[styles.input, error ? styles.inputError : null]}
        {...input}
      />
      {error ? (
        <Text accessibilityRole="alert" style={styles.fieldError}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

export function Loading({label = 'Loading…'}: {label?: string}) {
  return (
    <View style={styles.centre} accessibilityLabel={label}>
      <ActivityIndicator color={colors.primary} />
      <Text style={type.caption}>{label}</Text>
    </View>
  );
}

export function Empty({title, hint}: {title: string; hint?: string}) {
  return (
    <View style={styles.centre}>
      <Text style={type.heading}>{title}</Text>
      {hint ? <Text style={type.caption}>{hint}</Text> : null}
    </View>
  );
}

export function ErrorState({message, onRetry}: {message: string; onRetry?: () => void}) {
  return (
    <View style={styles.centre}>
      <Text accessibilityRole="alert" style={[type.body, {color: colors.danger}]}>
        {message}
      </Text>
      {onRetry ? <Button title="Try again" kind="secondary" onPress={onRetry} /> : null}
    </View>
  );
}

export function Banner({text, kind = 'info'}: {text: string; kind?: 'info' | 'error' | 'success'}) {
  return (
    <View
      accessibilityRole="alert"
      style={[
        styles.banner,
        kind === 'error' && {backgroundColor: colors.danger},
        kind === 'success' && {backgroundColor: colors.success},
      ]}>
      <Text style={styles.bannerText}>{text}</Text>
    </View>
  );
}

export function ProgressBar({progress, testID}: {progress: number; testID?: string}) {
  const pct = Math.max(0, Math.min(1, progress));
  return (
    <View
      style={styles.progressTrack}
      testID={testID}
      accessibilityRole="progressbar"
      accessibilityValue={{min: 0, max: 100, now: Math.round(pct * 100)}}>
      <View style={[styles.progressFill, {width: `${pct * 100}%`}]} />
    </View>
  );
}

export function Badge({count}: {count: number}) {
  if (count <= 0) {
    return null;
  }
  return (
    <View style={styles.badge} accessibilityLabel={`${count} unread`}>
      <Text style={styles.badgeText}>{count > 99 ? '99+' : count}</Text>
    </View>
  );
}

export const styles = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background, padding: spacing.lg},
  centre: {flex: 1, alignItems: 'center', justifyContent: 'center', gap: spacing.sm, padding: spacing.xl},
  button: {
    backgroundColor: colors.primary,
    paddingVertical: spacing.md,
    paddingHorizontal: spacing.lg,
    borderRadius: radius.md,
    alignItems: 'center',
    marginVertical: spacing.xs,
  },
  buttonSecondary: {backgroundColor: colors.surface, borderWidth: 1, borderColor: colors.border},
  buttonDanger: {backgroundColor: colors.danger},
  buttonDisabled: {opacity: 0.5},
  buttonText: {color: colors.onPrimary, fontWeight: '600', fontSize: 15},
  buttonTextSecondary: {color: colors.text},
  field: {marginBottom: spacing.md, gap: spacing.xs},
  input: {
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: radius.sm,
    padding: spacing.md,
    backgroundColor: colors.surface,
    fontSize: 15,
    color: colors.text,
  },
  inputError: {borderColor: colors.danger},
  fieldError: {color: colors.danger, fontSize: 13},
  banner: {backgroundColor: colors.primary, padding: spacing.md},
  bannerText: {color: colors.onPrimary},
  progressTrack: {height: 6, backgroundColor: colors.border, borderRadius: 3, overflow: 'hidden'},
  progressFill: {height: 6, backgroundColor: colors.primary},
  badge: {
    minWidth: 20,
    height: 20,
    borderRadius: 10,
    backgroundColor: colors.badge,
    alignItems: 'center',
    justifyContent: 'center',
    paddingHorizontal: spacing.xs,
  },
  badgeText: {color: colors.onPrimary, fontSize: 12, fontWeight: '700'},
  row: {flexDirection: 'row', alignItems: 'center', gap: spacing.sm},
  card: {
    backgroundColor: colors.surface,
    borderRadius: radius.md,
    borderWidth: 1,
    borderColor: colors.border,
    padding: spacing.md,
    marginBottom: spacing.sm,
  },
});
