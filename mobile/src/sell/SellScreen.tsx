import React, {useState} from 'react';
import {Image, Pressable, ScrollView, StyleSheet, Text, View} from 'react-native';
import {useQueryClient} from '@tanstack/react-query';
import {config} from '../config';
import {ApiError} from '../api/problem';
import type {ListingDraft} from '../api/types';
import {useServices} from '../services';
import {categories, conditions} from '../feed/taxonomy';
import {track} from '../telemetry/analytics';
import {Banner, Button, Field, ProgressBar, styles as ui} from '../ui/components';
import {describeError} from '../ui/errors';
import {colors, radius, spacing, type} from '../ui/theme';
import {parseMinorUnits} from '../util/money';
import {MAX_PHOTOS} from './photoPicker';
import {usePhotoUploads} from './usePhotoUploads';

interface Form {
  title: string;
  description: string;
  price: string;
  shipping: string;
  category: string;
  condition: string;
  size: string;
  brand: string;
}

const blank: Form = {
  title: '',
  description: '',
  price: '',
  shipping: '',
  category: '',
  condition: '',
  size: '',
  brand: '',
};

/** The same rules as the API (docs/API.md "Field rules"), keyed by the API's field paths. */
export function validateListing(f: Form, photoCount: number): Record<string, string> {
  const e: Record<string, string> = {};
  const title = f.title.trim();
  if (title.length < 1 || title.length > 120) {
    e.title = 'must be 1 to 120 characters';
  }
  if (f.description.length > 5000) {
    e.description = 'must be at most 5000 characters';
  }
  const price = parseMinorUnits(f.price, config.currency);
  if (price === null || price < 1 || price > 10_000_000_000) {
    e['price.amount'] = 'enter a price such as 12.50';
  }
  if (f.shipping && parseMinorUnits(f.shipping, config.currency) === null) {
    e['shippingPrice.amount'] = 'enter a shipping price such as 3.90, or leave it empty';
  }
  if (!f.category) {
    e.category = 'choose a category';
  }
  if (!f.condition) {
    e.condition = 'choose a condition';
  }
  if (f.size.length > 20) {
    e.size = 'must be at most 20 characters';
  }
  if (f.brand.length > 60) {
    e.brand = 'must be at most 60 characters';
  }
  if (photoCount < 1) {
    e.photoIds = 'add 1 to 5 photos';
  }
  return e;
}

export function SellScreen() {
  const {api, pickPhotos} = useServices();
  const qc = useQueryClient();
  const photos = usePhotoUploads();
  const [form, setForm] = useState<Form>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<{kind: 'error' | 'success'; text: string} | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Form) => (v: string) => setForm(f => ({...f, [k]: v}));
  const uploading = photos.uploads.some(u => u.status === 'uploading');
  const ready = photos.uploads.filter(u => u.status === 'ready');

  async function publish() {
    setBanner(null);
    const local = validateListing(form, ready.length);
    if (photos.uploads.some(u => u.status === 'failed')) {
      local.photoIds = 'retry or remove the photos that failed';
    }
    setErrors(local);
    if (Object.keys(local).length) {
      return;
    }
    const draft: ListingDraft = {
      title: form.title.trim(),
      description: form.description || undefined,
      price: {amount: parseMinorUnits(form.price, config.currency)!, currency: config.currency},
      shippingPrice: form.shipping
        ? {amount: parseMinorUnits(form.shipping, config.currency)!, currency: config.currency}
        : undefined,
      category: form.category,
      condition: form.condition,
      size: form.size.trim() || undefined,
      brand: form.brand.trim() || undefined,
      photoIds: ready.map(u => u.mediaId!),
    };
    setBusy(true);
    try {
      const {id} = await api.createListing(draft);
      await api.publishListing(id);
      track({name: 'listing_published', listingId: id, photoCount: ready.length});
      setForm(blank);
      photos.reset();
      setBanner({kind: 'success', text: 'Published! It will be in the feed in a few seconds.'});
      void qc.invalidateQueries({queryKey: ['feed']});
    } catch (e) {
      // The server's field list is shown at the fields; codes without a field go to the banner.
      if (e instanceof ApiError) {
        setErrors(e.fieldErrors);
        if (e.code === 'listing-needs-photos' || e.code === 'photo-not-uploaded') {
          setErrors(x => ({...x, photoIds: describeError(e)}));
        }
      }
      setBanner({kind: 'error', text: describeError(e)});
    } finally {
      setBusy(false);
    }
  }

  return (
    <ScrollView style={s.screen} keyboardShouldPersistTaps="handled">
      {banner ? <Banner kind={banner.kind} text={banner.text} /> : null}
      <Text style={type.heading}>
        Photos ({photos.uploads.length}/{MAX_PHOTOS})
      </Text>
      <View style={s.photos}>
        {photos.uploads.map((u, i) => (
          <View key={u.key} style={s.photo} testID={`photo-${i}`}>
            <Image source={{uri: u.photo.uri}} style={s.photoImage} />
            <ProgressBar progress={u.progress} testID={`photo-progress-${i}`} />
            {u.status === 'failed' ? (
              <>
                <Text style={s.photoError}>{u.error}</Text>
                <Pressable accessibilityRole="button" onPress={() => photos.retry(u.key)}>
                  <Text style={s.link}>Retry</Text>
                </Pressable>
              </>
            ) : null}
            <Pressable
              accessibilityRole="button"
              accessibilityLabel={`Remove photo ${i + 1}`}
              onPress={() => photos.remove(u.key)}>
              <Text style={type.caption}>Remove</Text>
            </Pressable>
          </View>
        ))}
      </View>
      {errors.photoIds ? <Text style={ui.fieldError}>{errors.photoIds}</Text> : null}
      <Button
        title="Add photos"
        kind="secondary"
        disabled={photos.uploads.length >= MAX_PHOTOS}
        onPress={async () => photos.add(await pickPhotos(MAX_PHOTOS - photos.uploads.length))}
      />
      <Field label="Title" value={form.title} onChangeText={set('title')} error={errors.title} maxLength={120} />
      <Field
        label="Description"
        value={form.description}
        onChangeText={set('description')}
        error={errors.description}
        multiline
      />
      <Field
        label={`Price (${config.currency})`}
        value={form.price}
        onChangeText={set('price')}
        error={errors['price.amount'] ?? errors['price.currency'] ?? errors.price}
        keyboardType="decimal-pad"
      />
      <Field
        label="Shipping (empty = free)"
        value={form.shipping}
        onChangeText={set('shipping')}
        error={errors['shippingPrice.amount'] ?? errors.shippingPrice}
        keyboardType="decimal-pad"
      />
      <Picker
        name="Category"
        options={categories}
        value={form.category}
        onChange={set('category')}
        error={errors.category}
      />
      <Picker
        name="Condition"
        options={conditions}
        value={form.condition}
        onChange={set('condition')}
        error={errors.condition}
      />
      <Field label="Size" value={form.size} onChangeText={set('size')} error={errors.size} />
      <Field label="Brand" value={form.brand} onChangeText={set('brand')} error={errors.brand} />
      <Button
        testID="publish"
        title={busy ? 'Publishing…' : uploading ? 'Waiting for photos…' : 'Publish'}
        disabled={busy || uploading}
        onPress={publish}
      />
    </ScrollView>
  );
}

function Picker({
  name,
  options,
  value,
  onChange,
  error,
}: {
  name: string;
  options: Array<[string, string]>;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <View style={ui.field}>
      <Text style={type.caption}>{name}</Text>
      <View style={s.chips} accessibilityLabel={name}>
        {options.map(([slug, text]) => (
          <Pressable
            key={slug}
            accessibilityRole="button"
            accessibilityState={{selected: value === slug}}
            onPress={() => onChange(slug)}
            style={[s.chip, value === slug && s.chipOn]}>
            <Text style={value === slug ? s.chipTextOn : type.caption}>{text}</Text>
          </Pressable>
        ))}
      </View>
      {error ? <Text style={ui.fieldError}>{error}</Text> : null}
    </View>
  );
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background, padding: spacing.lg},
  photos: {flexDirection: 'row', flexWrap: 'wrap', gap: spacing.sm, marginVertical: spacing.sm},
  photo: {width: 96, gap: 2},
  photoImage: {width: 96, height: 96, borderRadius: radius.sm, backgroundColor: colors.border},
  photoError: {color: colors.danger, fontSize: 11},
  link: {color: colors.primary, fontWeight: '600'},
  chips: {flexDirection: 'row', flexWrap: 'wrap', gap: spacing.xs},
  chip: {
    paddingHorizontal: spacing.md,
    paddingVertical: spacing.xs,
    borderRadius: 14,
    borderWidth: 1,
    borderColor: colors.border,
  },
  chipOn: {backgroundColor: colors.primary, borderColor: colors.primary},
  chipTextOn: {color: colors.onPrimary, fontSize: 13},
});
