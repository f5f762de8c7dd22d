<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationView</name>
    <message>
        <source>Layer &amp;t:</source>
        <translation>层 t(&amp;T)：</translation>
    </message>
    <message>
        <source>layer t</source>
        <translation>层 t</translation>
    </message>
    <message>
        <source>pre-activation x = h′&lt;sup&gt;t&lt;/sup&gt;</source>
        <translation>预激活 x = h′&lt;sup&gt;t&lt;/sup&gt;</translation>
    </message>
    <message>
        <source>Compare &amp;with the lecture&apos;s σ</source>
        <translation>对比本节的激活函数(&amp;W)</translation>
    </message>
    <message>
        <source>Draw sigmoid, its fix 4·sigmoid(x) − 2 and tanh beside σ, in place of the Taylor polynomials</source>
        <translation>在 σ 旁画出 sigmoid、其修正 4·sigmoid(x) − 2 和 tanh，代替泰勒多项式</translation>
    </message>
    <message>
        <source>σ and σ′: {name}</source>
        <translation>σ 与 σ′：{name}</translation>
    </message>
    <message>
        <source>σ and σ′</source>
        <translation>σ 与 σ′</translation>
    </message>
    <message>
        <source>Taylor at 0, first order</source>
        <translation>0 处的一阶泰勒多项式</translation>
    </message>
    <message>
        <source>Taylor, 1st order</source>
        <translation>一阶泰勒</translation>
    </message>
    <message>
        <source>Taylor at 0, third order</source>
        <translation>0 处的三阶泰勒多项式</translation>
    </message>
    <message>
        <source>Taylor, 3rd order</source>
        <translation>三阶泰勒</translation>
    </message>
    <message>
        <source>density of h′&lt;sup&gt;t&lt;/sup&gt; (scaled)</source>
        <translation>h′&lt;sup&gt;t&lt;/sup&gt; 的密度（已缩放）</translation>
    </message>
    <message>
        <source>density of h′&lt;sup&gt;t&lt;/sup&gt;</source>
        <translation>h′&lt;sup&gt;t&lt;/sup&gt; 的密度</translation>
    </message>
    <message>
        <source>first order within 10 % of σ</source>
        <translation>一阶多项式与 σ 相差不到 10% 的区域</translation>
    </message>
    <message>
        <source>linear within 10 %</source>
        <translation>一阶近似误差不到 10%</translation>
    </message>
    <message>
        <source>x range</source>
        <translation>x 的范围</translation>
    </message>
    <message>
        <source>The range of x drawn: ±4√qₜ, that of the pre-activations of layer t (4 standard deviations), or a range chosen, to see σ&apos;s shape and where its Taylor polynomials leave it</source>
        <translation>绘出的 x 范围：±4√qₜ 即第 t 层预激活的范围（4 个标准差），或选定的范围，用来看 σ 的形状以及它的泰勒多项式从哪里开始偏离它</translation>
    </message>
    <message>
        <source>The activation σ(x)</source>
        <translation>激活函数 σ(x)</translation>
    </message>
    <message>
        <source>Its slope σ′(x)</source>
        <translation>其斜率 σ′(x)</translation>
    </message>
    <message>
        <source>No network yet.</source>
        <translation>尚无网络。</translation>
    </message>
    <message>
        <source>σ′(x) = {derivative}</source>
        <translation>σ′(x) = {derivative}</translation>
    </message>
    <message>
        <source>The first- and third-order Taylor polynomials of σ at 0 are the same: {first}.</source>
        <translation>σ 在 0 处的一阶与三阶泰勒多项式相同：{first}。</translation>
    </message>
    <message>
        <source>Taylor polynomials of σ at 0: first order {first}; third order {third}.</source>
        <translation>σ 在 0 处的泰勒多项式：一阶 {first}；三阶 {third}。</translation>
    </message>
    <message>
        <source>x is shown over ±{w}, a range chosen: it holds {share} of the pre-activations of layer {t} (±4√qₜ = ±{own}).</source>
        <translation>x 的范围为选定的 ±{w}：其中包含第 {t} 层预激活的 {share}（±4√qₜ = ±{own}）。</translation>
    </message>
    <message>
        <source>Dotted: y = x, what the lecture asks of σ near 0 (σ(0) = 0, σ′(0) = 1), and σ&apos;s first order is it.</source>
        <translation>点线 y = x：本节要求 σ 在 0 附近接近它（σ(0) = 0，σ′(0) = 1）；σ 的一阶展开就是 y = x。</translation>
    </message>
    <message>
        <source>Dotted: y = x, what the lecture asks of σ near 0 (σ(0) = 0, σ′(0) = 1); σ&apos;s first order is not it: σ(0) = {value}, σ′(0) = {slope}.</source>
        <translation>点线 y = x：本节要求 σ 在 0 附近接近它（σ(0) = 0，σ′(0) = 1）；σ 的一阶展开不是 y = x：σ(0) = {value}，σ′(0) = {slope}。</translation>
    </message>
    <message>
        <source>Dotted: y = x, what the lecture asks of σ near 0 (σ(0) = 0, σ′(0) = 1); σ&apos;s first order is not it: σ(0) = {value}, σ′(0⁺) = {slope}, σ′(0⁻) = {left}.</source>
        <translation>点线 y = x：本节要求 σ 在 0 附近接近它（σ(0) = 0，σ′(0) = 1）；σ 的一阶展开不是 y = x：σ(0) = {value}，σ′(0⁺) = {slope}，σ′(0⁻) = {left}。</translation>
    </message>
    <message>
        <source>y = x itself is within 10 % of σ for {share} of the pre-activations.</source>
        <translation>有 {share} 的预激活落在 y = x 本身与 σ 相差不到 10% 的范围内。</translation>
    </message>
    <message>
        <source>{name} has σ(0) = {value}, σ′(0) = {slope}</source>
        <translation>{name}（0 处取值 {value}，斜率 {slope}）</translation>
    </message>
    <message>
        <source>Thin lines, beside {sigma}: {items}.</source>
        <translation>细线为与 {sigma} 对比的曲线：{items}。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Outside the view, beyond σ&apos;s scale on this range of x: {names}.</source>
        <translation>{names} 的取值超出纵轴范围（纵轴按 σ 缩放），图中看不到。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The lecture&apos;s σ are not drawn: over x within ±{w} they are flat at their bounds but for a sliver at 0.</source>
        <translation>本节的三个激活函数未画出：在 x 取 ±{w} 的范围内，它们除 0 附近一小段外都贴在各自的上下界上。</translation>
    </message>
    <message>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <source>Nothing to draw: the variance of the pre-activations of layer {t} is unknown (not a number).</source>
        <translation>无法绘制：第 {t} 层预激活的方差未知（出现 NaN）。</translation>
    </message>
    <message>
        <source>Nothing to draw: the variance of the pre-activations of layer {t} overflows (beyond 10^{{308}}).</source>
        <translation>无法绘制：第 {t} 层预激活的方差上溢（超过 10^{{308}}）。</translation>
    </message>
    <message>
        <source>Nothing to draw: the variance of the pre-activations of layer {t} is negative.</source>
        <translation>无法绘制：第 {t} 层预激活的方差为负。</translation>
    </message>
    <message>
        <source>{share} of the pre-activations of layer {t} lie where the first-order polynomial is within 10 % of σ (the shaded band).</source>
        <translation>第 {t} 层有 {share} 的预激活落在一阶多项式与 σ 相差不到 10% 的区域（阴影带）。</translation>
    </message>
    <message>
        <source>The layer whose pre-activations h′ᵗ are shown (1 … L)</source>
        <translation>显示其预激活 h′ᵗ 的层（1 … L）</translation>
    </message>
    <message>
        <source>from the Monte Carlo</source>
        <translation>来自蒙特卡洛</translation>
    </message>
    <message>
        <source>from the mean-field theory (the Monte Carlo cannot represent it here)</source>
        <translation>来自平均场理论（蒙特卡洛在此无法表示该值）</translation>
    </message>
    <message>
        <source>from the mean-field theory</source>
        <translation>来自平均场理论</translation>
    </message>
    <message>
        <source>σ(x) = {formula} around the pre-activations h′&lt;sup&gt;t&lt;/sup&gt; of layer t = {t}</source>
        <translation>σ(x) = {formula}（x 取第 t = {t} 层预激活 h′&lt;sup&gt;t&lt;/sup&gt; 的范围）</translation>
    </message>
    <message>
        <source>σ(x) = {formula} over ±{w}, with the density of h′&lt;sup&gt;t&lt;/sup&gt; of layer t = {t}</source>
        <translation>σ(x) = {formula}（x 取 ±{w}，并叠加第 t = {t} 层 h′&lt;sup&gt;t&lt;/sup&gt; 的密度）</translation>
    </message>
    <message>
        <source>q&lt;sub&gt;t&lt;/sub&gt; = Var[h′&lt;sup&gt;t&lt;/sup&gt;] = {q}&lt;br&gt;{source}</source>
        <translation>q&lt;sub&gt;t&lt;/sub&gt; = Var[h′&lt;sup&gt;t&lt;/sup&gt;] = {q}&lt;br&gt;{source}</translation>
    </message>
    <message>
        <source>Every pre-activation of layer {t} is exactly 0: x is shown over ±{w}, where they are a spike at 0.</source>
        <translation>第 {t} 层的预激活全部恰为 0：x 的显示范围为 ±{w}，预激活在 0 处呈尖峰。</translation>
    </message>
    <message>
        <source>q_t = {q} is too small to draw to scale: x is shown over ±{w}; the pre-activations spread over only ±4√q_t = ±{spread}.</source>
        <translation>q_t = {q} 太小，无法按比例绘制：x 的显示范围为 ±{w}；预激活只分布在 ±4√q_t = ±{spread} 之内。</translation>
    </message>
    <message>
        <source>q_t = {q} is too large to draw to scale: x is shown over ±{w}, across which the density is nearly flat.</source>
        <translation>q_t = {q} 太大，无法按比例绘制：x 的显示范围为 ±{w}，密度在此范围内几乎是平的。</translation>
    </message>
</context>
<context>
    <name>AnalysisPanel</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel this tab&apos;s computation</source>
        <translation>取消此标签页的计算</translation>
    </message>
    <message>
        <source>{status} — not run: {cost}; “Run it” computes it</source>
        <translation>{status} — 未运行：{cost}；点击“运行”进行计算</translation>
    </message>
    <message>
        <source>Not run: {cost}; “Run it” computes it</source>
        <translation>未运行：{cost}；点击“运行”进行计算</translation>
    </message>
    <message>
        <source>Run it</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>{status} — cancelled; “Run again” computes it</source>
        <translation>{status} — 已取消；点击“重新运行”进行计算</translation>
    </message>
    <message>
        <source>Failed: {message} — “Run again” retries</source>
        <translation>失败：{message} — 点击“重新运行”重试</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Settings not restored: {problem}; using the defaults</source>
        <translation>设置未能恢复：{problem}；使用默认值</translation>
    </message>
    <message>
        <source>Some settings not restored: {problem}</source>
        <translation>部分设置未能恢复：{problem}</translation>
    </message>
</context>
<context>
    <name>Bindings</name>
    <message>
        <source>{reason} (kept {value})</source>
        <translation>{reason}（仍使用 {value}）</translation>
    </message>
    <message>
        <source>… and {count} more: hover or Tab here</source>
        <translation>…… 另有 {count} 条（悬停或按 Tab 键查看全部）</translation>
    </message>
    <message>
        <source>{field}, slider</source>
        <translation>{field}，滑块</translation>
    </message>
</context>
<context>
    <name>ConfigError</name>
    <message>
        <source>the Monte Carlo of these settings failed ({error}): there is nothing of them to export</source>
        <translation>这组设置的蒙特卡洛失败（{error}）：没有可导出的结果</translation>
    </message>
    <message>
        <source>the Monte Carlo of these settings has not run (it would take about {time}): start it with F5, and copy or export when it is done</source>
        <translation>这组设置的蒙特卡洛尚未运行（约需 {time}）：请按 F5 启动，完成后再复制或导出</translation>
    </message>
    <message>
        <source>the Monte Carlo of these settings is still running (it takes about {time}): copy or export when it is done</source>
        <translation>这组设置的蒙特卡洛仍在运行（约需 {time}）：请在完成后再复制或导出</translation>
    </message>
    <message>
        <source>the Monte Carlo of these settings was stopped (it takes about {time}): run it again with F5, and copy or export when it is done</source>
        <translation>这组设置的蒙特卡洛已停止（约需 {time}）：请按 F5 重新运行，完成后再复制或导出</translation>
    </message>
    <message>
        <source>the tab {tab} does not show the result of these settings yet (computing, waiting for Run again, cancelled or failed): copy or export it when it does</source>
        <translation>“{tab}”标签页尚未显示这些设置的结果（正在计算、等待“重新运行”、已取消或失败）：请在显示后再复制或导出</translation>
    </message>
    <message>
        <source>the tab {tab} has no training step of these settings yet (Start trains them): copy or export it once it has</source>
        <translation>“{tab}”标签页尚无这些设置的训练步（按“开始”训练）：记录了训练步后再复制或导出</translation>
    </message>
    <message>
        <source>must be a JSON object, got {kind}</source>
        <translation>必须是 JSON 对象，输入为 {kind}</translation>
    </message>
    <message>
        <source>unknown key; the keys are {keys}</source>
        <translation>未知的键；可用的键为 {keys}</translation>
    </message>
    <message>
        <source>unknown key; did you mean {guess}? The keys are {keys}</source>
        <translation>未知的键；您是否想输入 {guess}？可用的键为 {keys}</translation>
    </message>
    <message>
        <source>must be a whole number, got {shown}</source>
        <translation>必须是整数，输入为 {shown}</translation>
    </message>
    <message>
        <source>is empty; give a whole number</source>
        <translation>为空；请给出一个整数</translation>
    </message>
    <message>
        <source>is empty; give a number</source>
        <translation>为空；请给出一个数</translation>
    </message>
    <message>
        <source>must be a whole number in plain digits: {digits} or {value}, not {shown}</source>
        <translation>必须是不带分隔符的整数：应写 {digits} 或 {value}，而不是 {shown}</translation>
    </message>
    <message>
        <source>entry {i} must be a whole number in plain digits: {digits} or {value}, not {shown}</source>
        <translation>第 {i} 项必须是不带分隔符的整数：应写 {digits} 或 {value}，而不是 {shown}</translation>
    </message>
    <message>
        <source>entry {i} must be a whole number in plain digits: {digits}, not {shown}</source>
        <translation>第 {i} 项必须是不带分隔符的整数：应写 {digits}，而不是 {shown}</translation>
    </message>
    <message>
        <source>must be a whole number in plain digits: {digits}, not {shown}</source>
        <translation>必须是不带分隔符的整数：应写 {digits}，而不是 {shown}</translation>
    </message>
    <message>
        <source>must be a number in plain digits: {digits}, not {shown}</source>
        <translation>必须是不带分隔符的数：应写 {digits}，而不是 {shown}</translation>
    </message>
    <message>
        <source>above 2^53 must be written in digits, without a point or an exponent, got {shown}</source>
        <translation>超过 2^53 时必须只用数字书写，不带小数点或指数，输入为 {shown}</translation>
    </message>
    <message>
        <source>must be between {lo} and {hi}, got {shown}</source>
        <translation>必须介于 {lo} 和 {hi} 之间，输入为 {shown}</translation>
    </message>
    <message>
        <source>must be a number, got {shown}</source>
        <translation>必须是数字，输入为 {shown}</translation>
    </message>
    <message>
        <source>must be a finite number, got {shown}</source>
        <translation>必须是有限数，输入为 {shown}</translation>
    </message>
    <message>
        <source>is closer to 0 than the smallest positive float (about 5e-324): give 0 for zero, got {shown}</source>
        <translation>绝对值小于浮点数能表示的最小正数（约 5e-324）：如要取 0，请输入 0，输入为 {shown}</translation>
    </message>
    <message>
        <source>must be {op} {lo}, got {shown}</source>
        <translation>必须 {op} {lo}，输入为 {shown}</translation>
    </message>
    <message>
        <source>must be ≤ {hi}, got {shown}</source>
        <translation>必须 ≤ {hi}，输入为 {shown}</translation>
    </message>
    <message>
        <source>must be one of {choices}, got {shown}</source>
        <translation>必须是 {choices} 之一，输入为 {shown}</translation>
    </message>
    <message>
        <source>unknown name {shown}; choose one of {choices}</source>
        <translation>未知名称 {shown}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>unknown name {shown}; did you mean {guess}? Choose one of {choices}</source>
        <translation>未知名称 {shown}；您是否想输入 {guess}？请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>must be a list of whole numbers or text like &apos;784, 256x3, 10&apos;, got {shown}</source>
        <translation>必须是整数列表或形如 “784, 256x3, 10” 的文本，输入为 {shown}</translation>
    </message>
    <message>
        <source>needs at least two widths: the input n_0 and one layer n_1</source>
        <translation>至少需要两个宽度：输入 n_0 和一层 n_1</translation>
    </message>
    <message>
        <source>at most {count} widths (depth {depth})</source>
        <translation>最多 {count} 个宽度（深度 {depth}）</translation>
    </message>
    <message>
        <source>{name} must hold a JSON object, not {kind}</source>
        <translation>{name} 必须包含一个 JSON 对象，而不是 {kind}</translation>
    </message>
    <message>
        <source>is empty; give widths like &apos;784, 256x3, 10&apos;</source>
        <translation>为空；请给出宽度，例如 “784, 256x3, 10”</translation>
    </message>
    <message>
        <source>has an empty entry after entry {i}; give widths like &apos;784, 256x3, 10&apos;</source>
        <translation>第 {i} 项之后有一项为空；请给出宽度，例如 “784, 256x3, 10”</translation>
    </message>
    <message>
        <source>entry {i} must be a whole number, got {shown}</source>
        <translation>第 {i} 项必须是整数，输入为 {shown}</translation>
    </message>
    <message>
        <source>entry {i} must be at least 1, got {shown}</source>
        <translation>第 {i} 项必须至少为 1，输入为 {shown}</translation>
    </message>
    <message>
        <source>entry {i} must be at most {most}, got {shown}</source>
        <translation>第 {i} 项最多为 {most}，输入为 {shown}</translation>
    </message>
    <message>
        <source>width × batch must be at most {most} (got {width} × {batch})</source>
        <translation>宽度 × 批量最多为 {most}（当前为 {width} × {batch}）</translation>
    </message>
    <message>
        <source>(depth + 1) × largest width must be at most {most} (got {layers} × {width})</source>
        <translation>(深度 + 1) × 最大宽度最多为 {most}（当前为 {layers} × {width}）</translation>
    </message>
    <message>
        <source>at most {most} weights in all (got {weights})</source>
        <translation>权重总数最多为 {most}（当前为 {weights}）</translation>
    </message>
    <message>
        <source>{name} is not valid JSON ({message} at line {line}, column {column})</source>
        <translation>{name} 不是有效的 JSON（第 {line} 行第 {column} 列：{message}）</translation>
    </message>
    <message>
        <source>{name} is a table of statistics (CSV): open a config file, JSON statistics or an exported PNG or PDF</source>
        <translation>{name} 是统计数据表（CSV）：请打开配置文件、JSON 统计文件或导出的 PNG、PDF</translation>
    </message>
    <message>
        <source>{name} is nested too deeply to read</source>
        <translation>{name} 嵌套过深，无法读取</translation>
    </message>
    <message>
        <source>{name} links to {target}, whose folder does not exist</source>
        <translation>{name} 链接到 {target}，但其所在文件夹不存在</translation>
    </message>
    <message>
        <source>{name} is a PNG cut short (its end is missing: not copied or downloaded whole?)</source>
        <translation>{name} 是一个被截断的 PNG（缺少文件结尾：是否没有完整复制或下载？）</translation>
    </message>
    <message>
        <source>{name} holds a number too long to read</source>
        <translation>{name} 包含的数字过长，无法读取</translation>
    </message>
    <message>
        <source>{name} is not a regular file</source>
        <translation>{name} 不是常规文件</translation>
    </message>
    <message>
        <source>{name} has {size} bytes; a config file has at most {most} (a larger statistics file must open with its &quot;config&quot;, as InitLab writes it)</source>
        <translation>{name} 有 {size} 字节；配置文件最多 {most} 字节（更大的统计文件须以其 &quot;config&quot; 开头，InitLab 写出的正是如此）</translation>
    </message>
    <message>
        <source>cannot read {name}: {problem}</source>
        <translation>无法读取 {name}：{problem}</translation>
    </message>
    <message>
        <source>{reason} (in {name})</source>
        <translation>{reason}（在 {name} 中）</translation>
    </message>
    <message>
        <source>{name} is not a text file</source>
        <translation>{name} 不是文本文件</translation>
    </message>
    <message>
        <source>{name} is a {kind} without the settings InitLab writes into the figures it exports</source>
        <translation>{name} 是一个 {kind}，但其中没有 InitLab 在导出图中写入的设置</translation>
    </message>
    <message>
        <source>the settings in {name} hold more than {most} bytes, a config file&apos;s most</source>
        <translation>{name} 中的设置超过 {most} 字节，即配置文件的上限</translation>
    </message>
    <message>
        <source>{name} has a key &quot;config&quot; but is not a statistics file, whose &quot;config&quot; holds the settings</source>
        <translation>{name} 含有键 &quot;config&quot;，但不是统计文件（统计文件的 &quot;config&quot; 保存设置）</translation>
    </message>
    <message>
        <source>{name} holds a sweep&apos;s statistics, one config per value of {setting}: open a config file or the statistics of one run</source>
        <translation>{name} 是一次扫描的统计文件，{setting} 的每个取值各有一个配置：请打开配置文件或单次运行的统计文件</translation>
    </message>
    <message>
        <source>{depth} disagrees with the widths, which give depth {widths_depth}: give one or the other</source>
        <translation>{depth} 与各层宽度不一致，后者给出的深度为 {widths_depth}：请只给出其中之一</translation>
    </message>
    <message>
        <source>{width} disagrees with the widths {widths}: give one or the other</source>
        <translation>{width} 与各层宽度 {widths} 不一致：请只给出其中之一</translation>
    </message>
    <message>
        <source>cannot read {shown}; write widths like &apos;784, 256x3, 10&apos; (whole numbers of at most 9 digits)</source>
        <translation>无法解析 {shown}；请按 “784, 256x3, 10” 的格式填写宽度（整数，最多 9 位）</translation>
    </message>
    <message>
        <source>repeat count in {shown} must be at least 1</source>
        <translation>{shown} 中的重复次数必须至少为 1</translation>
    </message>
    <message>
        <source>is given twice in {name}</source>
        <translation>在 {name} 中出现了两次</translation>
    </message>
    <message>
        <source>cannot write {name}: {problem}</source>
        <translation>无法写入 {name}：{problem}</translation>
    </message>
    <message>
        <source>{name} is read-only: make it writable, or choose another name</source>
        <translation>{name} 是只读文件：请先设为可写，或换一个文件名</translation>
    </message>
    <message>
        <source>folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>file name must end in {one} or {other}, got {shown}</source>
        <translation>文件名必须以 {one} 或 {other} 结尾，输入为 {shown}</translation>
    </message>
    <message>
        <source>is not a config&apos;s text</source>
        <translation>不是配置文本</translation>
    </message>
    <message>
        <source>is not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>must be text, got {shown}</source>
        <translation>必须是文本，输入为 {shown}</translation>
    </message>
    <message>
        <source>must be a folder name of at most {most} characters</source>
        <translation>必须是不超过 {most} 个字符的文件夹名</translation>
    </message>
    <message>
        <source>must name the folder holding the MNIST or Fashion-MNIST IDX files for task mnist</source>
        <translation>任务 mnist 需要指定存放 MNIST 或 Fashion-MNIST IDX 文件的文件夹</translation>
    </message>
    <message>
        <source>{folder} is not a folder</source>
        <translation>{folder} 不是文件夹</translation>
    </message>
    <message>
        <source>{folder} holds no {name} (nor {name}.gz)</source>
        <translation>{folder} 中没有 {name}（也没有 {name}.gz）</translation>
    </message>
    <message>
        <source>{name} is not an IDX file of images (magic number {magic}, expected {expected})</source>
        <translation>{name} 不是图像的 IDX 文件（幻数 {magic}，应为 {expected}）</translation>
    </message>
    <message>
        <source>{name} is not an IDX file of labels (magic number {magic}, expected {expected})</source>
        <translation>{name} 不是标签的 IDX 文件（幻数 {magic}，应为 {expected}）</translation>
    </message>
    <message>
        <source>{name} is truncated: {expected} bytes of data expected, {found} found</source>
        <translation>{name} 不完整：应有 {expected} 字节数据，实际 {found} 字节</translation>
    </message>
    <message>
        <source>{name} claims {count} bytes of data; at most {most} are read</source>
        <translation>{name} 声称有 {count} 字节数据；最多读取 {most} 字节</translation>
    </message>
    <message>
        <source>{name} is not a valid gzip file</source>
        <translation>{name} 不是有效的 gzip 文件</translation>
    </message>
    <message>
        <source>{images} holds {count} images but {labels} holds {label_count} labels</source>
        <translation>{images} 有 {count} 张图像，但 {labels} 有 {label_count} 个标签</translation>
    </message>
    <message>
        <source>{name} holds no images</source>
        <translation>{name} 中没有图像</translation>
    </message>
    <message>
        <source>{name} holds labels outside 0 … {last}</source>
        <translation>{name} 中有超出 0 … {last} 范围的标签</translation>
    </message>
    <message>
        <source>the training images are {train} pixels but the test images {test}</source>
        <translation>训练图像为 {train} 像素，而测试图像为 {test}</translation>
    </message>
    <message>
        <source>training this network needs about {need} GB of memory; at most {most} GB (fewer or narrower layers, or a smaller mini-batch, need less)</source>
        <translation>训练此网络约需 {need} GB 内存；最多允许 {most} GB（减少层数、缩窄各层或减小小批量都可降低需求）</translation>
    </message>
    <message>
        <source>training these {count} networks needs about {need} GB of memory; at most {most} GB (fewer or narrower layers, or a smaller mini-batch, need less)</source>
        <translation>训练这 {count} 个网络约需 {need} GB 内存；最多允许 {most} GB（减少层数、缩窄各层或减小小批量都可降低需求）</translation>
    </message>
    <message>
        <source>training this network needs about {need} GB of memory and {free} GB is available (fewer or narrower layers, or a smaller mini-batch, need less)</source>
        <translation>训练此网络约需 {need} GB 内存，而可用内存只有 {free} GB（减少层数、缩窄各层或减小小批量都可降低需求）</translation>
    </message>
    <message>
        <source>training these {count} networks needs about {need} GB of memory and {free} GB is available (fewer or narrower layers, or a smaller mini-batch, need less)</source>
        <translation>训练这 {count} 个网络约需 {need} GB 内存，而可用内存只有 {free} GB（减少层数、缩窄各层或减小小批量都可降低需求）</translation>
    </message>
    <message>
        <source>the tab has nothing drawn yet</source>
        <translation>此标签页尚未绘制任何内容</translation>
    </message>
    <message>
        <source>the Jacobian spectrum needs widths ≤ {max_width} and depth ≤ {max_depth}</source>
        <translation>雅可比矩阵谱要求宽度 ≤ {max_width} 且深度 ≤ {max_depth}</translation>
    </message>
    <message>
        <source>cannot sweep {shown}; choose one of {keys}</source>
        <translation>无法扫描 {shown}；请从 {keys} 中选择</translation>
    </message>
    <message>
        <source>N must be between 1 and 1000, got {count}</source>
        <translation>N 必须介于 1 和 1000 之间，输入为 {count}</translation>
    </message>
    <message>
        <source>{name} must be a finite number, got {value}</source>
        <translation>{name} 必须是有限数，输入为 {value}</translation>
    </message>
    <message>
        <source>N = 1 gives START alone; give N ≥ 2 to reach STOP, or START = STOP (got {start}:{stop}:1)</source>
        <translation>N = 1 只得到 START；请给出 N ≥ 2 以到达 STOP，或令 START = STOP（输入为 {start}:{stop}:1）</translation>
    </message>
    <message>
        <source>{setting} is log-spaced: START and STOP must be &gt; 0</source>
        <translation>{setting} 按对数等距取值：START 和 STOP 必须 &gt; 0</translation>
    </message>
    <message>
        <source>{count} values of {setting}{whole} from {lo} to {hi} repeat; give N ≤ {most}</source>
        <translation>{setting}{whole} 从 {lo} 到 {hi} 的 {count} 个取值有重复；请给出 N ≤ {most}</translation>
    </message>
    <message>
        <source>{count} values of {setting}{whole} from {lo} to {hi} repeat; give N = 1</source>
        <translation>{setting}{whole} 从 {lo} 到 {hi} 的 {count} 个取值有重复；请给出 N = 1</translation>
    </message>
    <message>
        <source>{count} values of {setting}{whole} from {lo} to {hi} repeat; only one value lies between {lo} and {hi}: give START = STOP and N = 1</source>
        <translation>{setting}{whole} 从 {lo} 到 {hi} 的 {count} 个取值有重复；{lo} 与 {hi} 之间只有一个取值：请令 START = STOP 且 N = 1</translation>
    </message>
    <message>
        <source>at {setting} = {value}: {error}</source>
        <translation>在 {setting} = {value} 处：{error}</translation>
    </message>
    <message>
        <source> (whole numbers)</source>
        <translation>（整数）</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null（空值）</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>没有那个文件或目录</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>权限不够</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>是一个目录</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是目录</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>设备上没有空间</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>文件名过长</translation>
    </message>
    <message>
        <source>Too many levels of symbolic links</source>
        <translation>符号链接层数过多</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>不允许的操作</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <translation>此处应有一个值</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>此处应有用双引号括起的键名</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>此处应有分隔符 “:”</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>此处应有分隔符 “,”</translation>
    </message>
    <message>
        <source>Unterminated string starting</source>
        <translation>字符串未闭合，起始于此</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>数据之后还有多余内容</translation>
    </message>
    <message>
        <source>Invalid control character</source>
        <translation>字符串中有无效的控制字符</translation>
    </message>
    <message>
        <source>Invalid \escape</source>
        <translation>无效的反斜杠转义</translation>
    </message>
    <message>
        <source>Invalid \uXXXX escape</source>
        <translation>无效的 \uXXXX 转义</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of object</source>
        <translation>对象末尾多了一个逗号</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of array</source>
        <translation>数组末尾多了一个逗号</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;</source>
        <translation>“{text}”</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Monte Carlo failed: {message}</source>
        <translation>蒙特卡洛失败：{message}</translation>
    </message>
    <message>
        <source>Theory failed: {error}</source>
        <translation>理论计算失败：{error}</translation>
    </message>
</context>
<context>
    <name>ControlsPanel</name>
    <message>
        <source>depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>widths</source>
        <translation>各层宽度</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>alpha</source>
        <translation>斜率 α</translation>
    </message>
    <message>
        <source>beta</source>
        <translation>偏移 β</translation>
    </message>
    <message>
        <source>negative slope</source>
        <translation>负半轴斜率</translation>
    </message>
    <message>
        <source>init</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>variance</source>
        <translation>方差</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>distribution</source>
        <translation>分布</translation>
    </message>
    <message>
        <source>gain</source>
        <translation>增益</translation>
    </message>
    <message>
        <source>bias std</source>
        <translation>偏置标准差</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>trials</source>
        <translation>抽样次数</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Initialization</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Monte Carlo</source>
        <translation>蒙特卡洛</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>draw a fresh random seed</source>
        <translation>随机抽取一个新种子</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field}：{reason}</translation>
    </message>
</context>
<context>
    <name>DistributionView</name>
    <message>
        <source>Distribution of activations h&lt;sup&gt;t&lt;/sup&gt; (per layer)</source>
        <translation>激活值 h&lt;sup&gt;t&lt;/sup&gt; 的分布（逐层）</translation>
    </message>
    <message>
        <source>Distribution of h&lt;sup&gt;t&lt;/sup&gt;</source>
        <translation>h&lt;sup&gt;t&lt;/sup&gt; 的分布</translation>
    </message>
    <message>
        <source>layer t</source>
        <translation>层 t</translation>
    </message>
    <message>
        <source>log₁₀ probability density (scale kept)</source>
        <translation>log₁₀ 概率密度（范围已保留）</translation>
    </message>
    <message>
        <source>log₁₀ probability density</source>
        <translation>log₁₀ 概率密度</translation>
    </message>
    <message>
        <source>log₁₀ density</source>
        <translation>log₁₀ 密度</translation>
    </message>
    <message>
        <source>h (standardized)</source>
        <translation>h（标准化）</translation>
    </message>
    <message>
        <source>h (standardized; black ticks: h = 0)</source>
        <translation>h（标准化；黑色短线：h = 0）</translation>
    </message>
    <message>
        <source>every value the same: nothing to standardize by</source>
        <translation>所有值都相同：无法标准化</translation>
    </message>
    <message>
        <source>layer {t}: no histogram ({why})</source>
        <translation>第 {t} 层：无直方图（{why}）</translation>
    </message>
    <message>
        <source>layer {t}, (h − mean)/sd in [{lo}, {hi}): density {value}</source>
        <translation>第 {t} 层，(h − 均值)/标准差 在 [{lo}, {hi}) 内：密度 {value}</translation>
    </message>
    <message>
        <source>layer {t}, h in [{lo}, {hi}): density {value}</source>
        <translation>第 {t} 层，h 在 [{lo}, {hi}) 内：密度 {value}</translation>
    </message>
    <message>
        <source>{share} of its values lie beyond ±4 sd (not drawn)</source>
        <translation>其中 {share} 的值超出 ±4 个标准差（未画出）</translation>
    </message>
    <message>
        <source>h⁰ is the input, not an output of σ: {share} of it lies outside σ&apos;s range (not drawn)</source>
        <translation>h⁰ 是输入，不是 σ 的输出：其中 {share} 在 σ 的值域之外（未画出）</translation>
    </message>
    <message>
        <source>{text}; {beyond}</source>
        <translation>{text}；{beyond}</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <source>layer t</source>
        <translation>层 t</translation>
    </message>
    <message>
        <source>unit i / n&lt;sub&gt;t&lt;/sub&gt; (stretched)</source>
        <translation>单元 i / n&lt;sub&gt;t&lt;/sub&gt;（拉伸）</translation>
    </message>
    <message>
        <source>unit i</source>
        <translation>单元 i</translation>
    </message>
    <message>
        <source>log₁₀ Var[{quantity}] (decades, scale kept)</source>
        <translation>log₁₀ Var[{quantity}]（数量级，范围已保留）</translation>
    </message>
    <message>
        <source>log₁₀ Var[{quantity}] (decades)</source>
        <translation>log₁₀ Var[{quantity}]（数量级）</translation>
    </message>
    <message>
        <source>log₁₀ Var[{quantity}]</source>
        <translation>log₁₀ Var[{quantity}]</translation>
    </message>
    <message>
        <source>spread too small
for float32 to measure</source>
        <translation>离散度太小
float32 无法测出</translation>
    </message>
    <message>
        <source>layer {t}, unit {i}: Var[{quantity}] over the batch too small for float32 to measure around the unit&apos;s mean (dark grey)</source>
        <translation>第 {t} 层，单元 {i}：对批量求得的 Var[{quantity}] 太小，float32 在该单元的均值附近无法测出（深灰色）</translation>
    </message>
    <message>
        <source>layer {t}, unit {i}: Var[{quantity}] over the batch exactly 0: the same value for every input (black)</source>
        <translation>第 {t} 层，单元 {i}：对批量求得的 Var[{quantity}] 恰为 0：每个输入都给出同一个值（黑色）</translation>
    </message>
    <message>
        <source>layer {t}, unit {i}: Var[{quantity}] over the batch {value}</source>
        <translation>第 {t} 层，单元 {i}：对批量求得的 Var[{quantity}] {value}</translation>
    </message>
    <message>
        <source>Forward: per-unit Var[h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;] over the batch</source>
        <translation>前向：逐单元 Var[h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]（对批量计算）</translation>
    </message>
    <message>
        <source>Forward: per-unit Var[h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]</source>
        <translation>前向：逐单元 Var[h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]</translation>
    </message>
    <message>
        <source>Forward: Var[h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]</source>
        <translation>前向：Var[h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]</translation>
    </message>
    <message>
        <source>Backward: per-unit Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;] over the batch</source>
        <translation>反向：逐单元 Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]（对批量计算）</translation>
    </message>
    <message>
        <source>Backward: per-unit Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]</source>
        <translation>反向：逐单元 Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]</translation>
    </message>
    <message>
        <source>Backward: Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]</source>
        <translation>反向：Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;i&lt;/sub&gt;]</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>variance</source>
        <translation>方差</translation>
    </message>
    <message>
        <source>decades</source>
        <translation>数量级</translation>
    </message>
    <message>
        <source>Powers of ten: a change of −3 decades is a factor 10⁻³ = 0.001. Vanishing and exploding are measured in decades over the layers.</source>
        <translation>10 的幂：变化 −3 个数量级即乘以 10⁻³ = 0.001。消失与爆炸都用跨越各层的数量级来度量。</translation>
    </message>
    <message>
        <source>vanishing / exploding</source>
        <translation>消失 / 爆炸（梯度消失、梯度爆炸）</translation>
    </message>
    <message>
        <source>The variance shrinks (or grows) by a roughly constant factor per layer, so it falls (or rises) by many decades over a deep network: the signal or the gradient is lost in rounding, or overflows.</source>
        <translation>方差每层以大致恒定的因子缩小（或增大），因此在深层网络中下降（或上升）许多个数量级：信号或梯度淹没在舍入误差中，或者溢出。</translation>
    </message>
    <message>
        <source>pooled</source>
        <translation>合并统计</translation>
    </message>
    <message>
        <source>Computed over all the numbers of a layer together: every unit and every input of the batch.</source>
        <translation>把一层的所有数值放在一起计算：包括每个单元和批量中的每个输入。</translation>
    </message>
    <message>
        <source>per unit, over the batch</source>
        <translation>逐单元、跨批量</translation>
    </message>
    <message>
        <source>Computed for each unit separately, over the inputs of the batch (the heatmaps); undefined for a batch of one input.</source>
        <translation>对每个单元分别计算，统计范围是批量中的各个输入（即热图）；批量只有一个输入时无定义。</translation>
    </message>
    <message>
        <source>γ, gain</source>
        <translation>γ、增益</translation>
    </message>
    <message>
        <source>γₜ is the variance of the weights of layer t, set by the initialization rule; the gain multiplies every weight, so γ by gain². The lecture writes γₜ and t; the book&apos;s text (d2l.ai, zh.d2l.ai) writes this variance σ², and the layer l.</source>
        <translation>γₜ 是第 t 层权重的方差，由初始化规则确定；增益乘到每个权重上，因此 γ 乘以增益²。本节课写作 γₜ 和 t；教材正文（d2l.ai、zh.d2l.ai）把这个方差写作 σ²，层记为 l。</translation>
    </message>
    <message>
        <source>Xavier, He, LeCun</source>
        <translation>Xavier、He、LeCun</translation>
    </message>
    <message>
        <source>What one input does in the median network of this finite width (dotted), where it can be computed exactly (for relu and leaky relu, the units&apos; mean taken off as at infinite width); it can lie decades below the mean-field expectation. The variance pooled over a batch (solid) is a mean over inputs: on average over networks it lies between the two; one network may stray outside.</source>
        <translation>该有限宽度下中位数网络中单个输入的表现（点线），仅在可以精确计算时给出（对于 relu 和 leaky relu，按无限宽度时的情形减去各单元的均值）；它可能比平均场期望低若干个数量级。对批量合并的方差（实线）是对输入的平均：对多个网络平均而言它位于两者之间；单个网络可能偏离到两者之外。</translation>
    </message>
    <message>
        <source>The pre-activations&apos; variance qₜ that the mean-field recursion settles at with depth, where there is one (a bias keeps it above 0); χ₁ and ξ_c are taken there.</source>
        <translation>平均场递推中预激活方差 qₜ 随深度趋于的值（若存在；偏置使它保持大于 0）；χ₁ 和 ξ_c 都在该点取值。</translation>
    </message>
    <message>
        <source>How far values spread around their mean: Var[x] = E[(x − E[x])²]. The plots show log₁₀ of the variance of the signal hᵗ and of the gradient ∂ℓ/∂hᵗ at every layer t.</source>
        <translation>数值围绕其均值的分散程度：Var[x] = E[(x − E[x])²]。图中显示每一层 t 的信号 hᵗ 与梯度 ∂ℓ/∂hᵗ 的方差取 log₁₀ 后的值。</translation>
    </message>
    <message>
        <source>Initialization rules: Xavier γ = 2/(nᵢₙ + nₒᵤₜ) (the lecture&apos;s compromise), He γ = 2/nᵢₙ for relu, LeCun γ = 1/nᵢₙ.</source>
        <translation>初始化规则：Xavier γ = 2/(nᵢₙ + nₒᵤₜ)（课程中的折中方案），用于 relu 的 He γ = 2/nᵢₙ，LeCun γ = 1/nᵢₙ。</translation>
    </message>
    <message>
        <source>Monte Carlo</source>
        <translation>蒙特卡洛</translation>
    </message>
    <message>
        <source>Real random networks, run on a batch of random inputs: what one draw of the weights does (with trials &gt; 1, the median over several draws and its 10–90 % band).</source>
        <translation>真实的随机网络在一批随机输入上运行：展示一次权重抽样的结果（抽样次数 &gt; 1 时，为多次抽样的中位数及其 10–90% 区间）。</translation>
    </message>
    <message>
        <source>mean-field theory</source>
        <translation>平均场理论</translation>
    </message>
    <message>
        <source>The variances a network of infinite width has on average over its weights, computed layer by layer without drawing any (dashed lines). A finite network scatters around it.</source>
        <translation>无限宽网络在权重上取平均时的方差，逐层计算而无需抽样（虚线）。有限宽的网络围绕它波动。</translation>
    </message>
    <message>
        <source>typical run</source>
        <translation>典型网络</translation>
    </message>
    <message>
        <source>χ₁</source>
        <translation>χ₁</translation>
    </message>
    <message>
        <source>The factor by which the gradient&apos;s variance grows per layer in the mean-field theory: below 1 it vanishes (ordered phase), above 1 it explodes (chaotic phase), 1 is the edge of chaos.</source>
        <translation>平均场理论中梯度方差每层增长的因子：小于 1 时梯度消失（有序相），大于 1 时梯度爆炸（混沌相），等于 1 为混沌边缘。</translation>
    </message>
    <message>
        <source>q*, fixed point</source>
        <translation>q*，不动点</translation>
    </message>
    <message>
        <source>ordered and chaotic phases</source>
        <translation>有序相与混沌相</translation>
    </message>
    <message>
        <source>Ordered (χ₁ &lt; 1): two inputs grow alike with depth, their correlation tends to 1, and gradients vanish. Chaotic (χ₁ &gt; 1): two inputs decorrelate, and gradients explode. The line χ₁ = 1 between them is the edge of chaos (the Phase diagram tab).</source>
        <translation>有序相（χ₁ &lt; 1）：随着深度增加，两个输入变得越来越相似，相关系数趋于 1，梯度消失。混沌相（χ₁ &gt; 1）：两个输入逐渐去相关，梯度爆炸。两者之间的 χ₁ = 1 线就是混沌边缘（见“相图”标签页）。</translation>
    </message>
    <message>
        <source>ξ_c, depth scale</source>
        <translation>ξ_c，深度尺度</translation>
    </message>
    <message>
        <source>The number of layers over which two inputs&apos; correlation reaches its fixed point: how deep information about the input travels. It diverges on the edge of chaos (Schoenholz et al. 2017).</source>
        <translation>两个输入的相关系数趋于其不动点所需的层数：关于输入的信息能传播多深。在混沌边缘它发散（Schoenholz 等，2017）。</translation>
    </message>
    <message>
        <source>critical gain</source>
        <translation>临界增益</translation>
    </message>
    <message>
        <source>The gain at which the gradient&apos;s squared norm crosses the whole network unchanged (the Sweep tab&apos;s dashed line).</source>
        <translation>使梯度的平方范数从输出反传到输入时保持不变的增益（扫描标签页中的虚线）。</translation>
    </message>
    <message>
        <source>Jacobian spectrum</source>
        <translation>雅可比矩阵谱</translation>
    </message>
    <message>
        <source>The singular values of ∂hᴸ/∂h⁰: how much the network stretches or squeezes each direction of its input.</source>
        <translation>∂hᴸ/∂h⁰ 的奇异值：网络在输入的每个方向上拉伸或压缩了多少。</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>术语表</translation>
    </message>
    <message>
        <source>Menu key, {keys}</source>
        <translation>菜单键, {keys}</translation>
    </message>
    <message>
        <source>A plot&apos;s menu (copy or export that plot), once a click chose the plot</source>
        <translation>打开图的菜单（复制或导出该图），需先单击选中该图</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>{direction}: {kind}, no slope</source>
        <translation>{direction}：{kind}（无每层速率）</translation>
    </message>
    <message>
        <source>{direction} now {rate} decades/layer</source>
        <translation>{direction}：当前 {rate} 个数量级/层</translation>
    </message>
    <message>
        <source>{direction} now {total} decades within its first {k} layers, then level: {kind}</source>
        <translation>{direction}：当前 {total} 个数量级，几乎全在前 {k} 层内，之后持平，{kind}</translation>
    </message>
    <message>
        <source>{direction} now {total} decades in all ({parts}): {kind}</source>
        <translation>{direction}：当前共 {total} 个数量级（{parts}），{kind}</translation>
    </message>
    <message>
        <source>{direction} now {rate} decades/layer ({total} over {n} layer): {kind}</source>
        <translation>{direction}：当前 {rate} 个数量级/层（{n} 层累计 {total}），{kind}</translation>
    </message>
    <message>
        <source>{direction} now {rate} decades/layer ({total} over {n} layers): {kind}</source>
        <translation>{direction}：当前 {rate} 个数量级/层（{n} 层累计 {total}），{kind}</translation>
    </message>
    <message>
        <source>{direction} now {rate} decades/layer: {kind}</source>
        <translation>{direction}：当前 {rate} 个数量级/层，{kind}</translation>
    </message>
    <message>
        <source>{words} (the Monte Carlo will tell)</source>
        <translation>{words}（待蒙特卡洛结果判断）</translation>
    </message>
    <message>
        <source>at least {value}</source>
        <translation>不低于 {value}</translation>
    </message>
    <message>
        <source>at most {value}</source>
        <translation>不高于 {value}</translation>
    </message>
    <message>
        <source>{key} {value}</source>
        <translation>{key} {value}</translation>
    </message>
    <message>
        <source>{words} ({expected}) {mark}</source>
        <translation>{words}（{expected}）{mark}</translation>
    </message>
    <message>
        <source>{words} {mark} (expected {expected})</source>
        <translation>{words} {mark}（要求：{expected}）</translation>
    </message>
    <message>
        <source>{key} {value} (the step: {wanted})</source>
        <translation>{key} {value}（本步骤：{wanted}）</translation>
    </message>
    <message>
        <source>Live check (Monte Carlo):</source>
        <translation>实时检查（蒙特卡洛）：</translation>
    </message>
    <message>
        <source>Live check (theory):</source>
        <translation>实时检查（理论）：</translation>
    </message>
    <message>
        <source>Not as in this step: {settings}</source>
        <translation>与本步骤的设置不同：{settings}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>To see it: the settings above as in this step (“Set up this step” sets them all); {hint}</source>
        <translation>要看到这一现象：先把上面列出的设置改成本步的（“载入本步设置”会全部设好）；{hint}</translation>
    </message>
    <message>
        <source>To see it: {hint}</source>
        <translation>要看到这一现象：{hint}</translation>
    </message>
    <message>
        <source>The network and its assumptions</source>
        <translation>网络及其假设</translation>
    </message>
    <message>
        <source>h^t = σ(W^t h^{t−1} + b^t)
E[W^t_{ij}] = 0,  Var[W^t_{ij}] = γ_t</source>
        <translation>h^t = σ(W^t h^{t−1} + b^t)
E[W^t_{ij}] = 0,  Var[W^t_{ij}] = γ_t</translation>
    </message>
    <message>
        <source>the identity activation with constant γ = 1/256.</source>
        <translation>激活函数选恒等，初始化选常数方差 γ = 1/256。</translation>
    </message>
    <message>
        <source>Forward: the signal&apos;s variance</source>
        <translation>前向：信号的方差</translation>
    </message>
    <message>
        <source>Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]</source>
        <translation>Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]</translation>
    </message>
    <message>
        <source>Backward: the gradient&apos;s variance</source>
        <translation>反向：梯度的方差</translation>
    </message>
    <message>
        <source>Var[∂ℓ/∂h^{t−1}] = n_tγ_t Var[∂ℓ/∂h^t]</source>
        <translation>Var[∂ℓ/∂h^{t−1}] = n_tγ_t Var[∂ℓ/∂h^t]</translation>
    </message>
    <message>
        <source>Two conditions, one γ</source>
        <translation>两个条件，一个 γ</translation>
    </message>
    <message>
        <source>n_{t−1}γ_t = 1  and  n_tγ_t = 1  ⇒  n_{t−1} = n_t</source>
        <translation>n_{t−1}γ_t = 1  且  n_tγ_t = 1  ⇒  n_{t−1} = n_t</translation>
    </message>
    <message>
        <source>narrowing widths with LeCun, mode fan_in.</source>
        <translation>使用逐渐变窄的各层宽度，初始化选 LeCun，模式选 fan_in。</translation>
    </message>
    <message>
        <source>Xavier: the compromise</source>
        <translation>Xavier：折中方案</translation>
    </message>
    <message>
        <source>Glorot and Bengio (2010) meet the two conditions halfway: they ask their average to hold, (n_{t−1} + n_t)γ_t / 2 = 1. Where widths are equal both conditions hold, and both lines stay flat.

Where widths differ, the two passes share the error: on the narrowing network of the previous step, theory has the signal gain 0.75 decades and the gradient lose 1.1, instead of 0 and 1.8.</source>
        <translation>Glorot 和 Bengio（2010）让两个条件各退一步：只要求二者的平均成立，即 (n_{t−1} + n_t)γ_t / 2 = 1。宽度相同时两个条件都成立，两条线都保持水平。

宽度不同时，误差由前向和反向两次传播分担：在上一步那个逐渐变窄的网络上，按理论，信号增加 0.75 个数量级，梯度损失 1.1 个数量级，而不是 0 和 1.8。</translation>
    </message>
    <message>
        <source>γ_t = 2/(n_{t−1} + n_t)
W^t_{ij} ~ N(0, γ_t)</source>
        <translation>γ_t = 2/(n_{t−1} + n_t)
W^t_{ij} ~ N(0, γ_t)</translation>
    </message>
    <message>
        <source>init Xavier, with equal widths.</source>
        <translation>初始化选 Xavier，各层宽度相同。</translation>
    </message>
    <message>
        <source>Xavier uniform</source>
        <translation>Xavier 均匀</translation>
    </message>
    <message>
        <source>Any distribution with mean 0 and variance γ_t will do. The uniform distribution U(−a, a) has variance a²/3; setting a²/3 = 2/(n_{in} + n_{out}) gives its bound a.

The profile is the one of Xavier normal: only the variance of the weights enters the formulas, not the shape of their distribution. The Weights tab draws this network&apos;s weights, a box between ±a, over the bell of the normal with the same variance: &quot;Set up this step&quot; opens it.</source>
        <translation>任何均值为 0、方差为 γ_t 的分布都可以。均匀分布 U(−a, a) 的方差为 a²/3；令 a²/3 = 2/(n_{in} + n_{out})，即可得到其边界 a。

曲线与 Xavier 正态的相同：公式中只出现权重的方差，而与其分布的形状无关。“权重”标签页画出本网络的权重：在 ±a 之间呈平顶的矩形直方图，叠在方差相同的正态分布的钟形曲线之上；“载入本步设置”会打开这个标签页。</translation>
    </message>
    <message>
        <source>Var[U(−a, a)] = a²/3
a = √(6/(n_{in} + n_{out}))</source>
        <translation>Var[U(−a, a)] = a²/3
a = √(6/(n_{in} + n_{out}))</translation>
    </message>
    <message>
        <source>init Xavier with the uniform distribution.</source>
        <translation>初始化选 Xavier，分布选均匀。</translation>
    </message>
    <message>
        <source>An affine activation</source>
        <translation>仿射激活函数</translation>
    </message>
    <message>
        <source>Take σ(x) = αx + β. Each h^t then has the mean β, and the next layer multiplies its second moment E[(h^{t−1})²] = Var[h^{t−1}] + β², not its variance; the slope α multiplies both variances by α² at every layer. Only β = 0 and α = 1, the identity, keep them.

Here α = 1.2: both variances grow by α² = 1.44 per layer, about 8 decades over 50 layers. Set α to 1 and the lines flatten; set β to 0.5 and the signal creeps up again.</source>
        <translation>取 σ(x) = αx + β。这样每个 h^t 的均值都是 β，而下一层乘的是它的二阶矩 E[(h^{t−1})²] = Var[h^{t−1}] + β²，而不是它的方差；斜率 α 使两个方差在每层都乘以 α²。只有 β = 0 且 α = 1（即恒等映射）才能使方差保持不变。

此处 α = 1.2：两个方差每层都增大为 α² = 1.44 倍，50 层累计约 8 个数量级。把斜率 α 设为 1，两条线就会变平；再把偏移 β 设为 0.5，信号又会缓慢上升。</translation>
    </message>
    <message>
        <source>σ(x) = αx + β
E[h^t] = β,  Var[h^t] = α² n_{t−1}γ_t E[(h^{t−1})²]</source>
        <translation>σ(x) = αx + β
E[h^t] = β,  Var[h^t] = α² n_{t−1}γ_t E[(h^{t−1})²]</translation>
    </message>
    <message>
        <source>the linear activation with α = 1.2.</source>
        <translation>激活函数选仿射，斜率 α = 1.2。</translation>
    </message>
    <message>
        <source>Taylor expansions near 0</source>
        <translation>0 附近的泰勒展开</translation>
    </message>
    <message>
        <source>Xavier&apos;s derivation holds for an activation that is the identity near 0: σ(0) = 0 and σ&apos;(0) = 1. Expand the usual ones at 0: tanh passes; relu is the identity only for x ≥ 0 and zeroes the rest; sigmoid fails both, with value 1/2 and slope 1/4.

Under Xavier, sigmoid&apos;s slope (1/4 at 0, less elsewhere, so 16 is only a bound) divides the gradient&apos;s variance by about 18 at every layer: more than a decade per layer (the Network tab&apos;s profile). &quot;Set up this step&quot; opens the Activation tab: σ with its Taylor polynomials at 0 around this layer&apos;s pre-activations. Compare tanh and relu.</source>
        <translation>Xavier 的推导适用于在 0 附近为恒等映射的激活函数：σ(0) = 0 且 σ&apos;(0) = 1。把常用的激活函数在 0 处展开：tanh 满足条件；relu 只在 x ≥ 0 时是恒等映射，其余部分置零；sigmoid 两个条件都不满足：它在 0 处的值为 1/2，斜率为 1/4。

在 Xavier 初始化下，sigmoid 的斜率（在 0 处为 1/4，其他地方更小，所以每层缩小 16 倍只是下限）使梯度的方差每层缩小约 18 倍：每层超过一个数量级（见“网络”标签页的方差曲线）。“载入本步设置”会打开“激活函数”标签页：σ 及其在 0 处的泰勒多项式，画在本层预激活的分布周围。把激活函数换成 tanh 和 relu 看看。</translation>
    </message>
    <message>
        <source>relu passes half of a symmetric pre-activation and zeroes the other half, so E[relu(h&apos;)²] = Var[h&apos;]/2: under Xavier both variances halve at every layer, 0.3 decades per layer.

He et al. (2015) double γ to make up for it, from the fan-in n_{t−1}. Both lines now stay near the input&apos;s level. (The signal&apos;s theory sits about 0.17 decades below it from layer 1 on: relu&apos;s outputs have a positive mean, and the profile draws their variance, 1 − 1/π of the second moment that He keeps; one network wanders about it by a few tenths of a decade at layer 50, more often below: its finite width, step 11.)</source>
        <translation>对于对称分布的预激活，relu 保留一半，将另一半置零，因此 E[relu(h&apos;)²] = Var[h&apos;]/2：在 Xavier 初始化下，两个方差每层都减半，即每层 0.3 个数量级。

He 等（2015）按扇入（fan_in，即输入数 n_{t−1}）将 γ 加倍，以弥补这一点。现在两条线都保持在输入水平附近。（从第 1 层起，信号的理论线比输入水平低约 0.17 个数量级：relu 的输出均值为正，而曲线画的是它们的方差，即 He 所保持的二阶矩的 1 − 1/π；单个网络会在它附近游移，到第 50 层时相差零点几个数量级，且多半偏低：这是有限宽度的影响，见第 11 步。）</translation>
    </message>
    <message>
        <source>trials 8 or more, width 24 or less.</source>
        <translation>抽样次数不少于 8，宽度不超过 24。</translation>
    </message>
    <message>
        <source>tanh with a gain of 1.5 or more, e.g. 2.</source>
        <translation>激活函数选 tanh，增益不小于 1.5，例如 2。</translation>
    </message>
    <message>
        <source>The lecture&apos;s point: a sensible initialization keeps training numerically stable. In this small tanh network under Xavier, before any step, the gradient loses a little less than a decade across the six hidden layers: stable by the readout&apos;s rule (under a decade end to end), as the check below confirms; a tiny γ loses 2 decades at every layer. The signal loses a little more than a decade, so the readout calls it vanishing: tanh&apos;s slow decay, not a collapse. (The Training tab&apos;s last layer, the spiral&apos;s 2 outputs, scales the gradient once more: n_Lγ_L = 2·2/34.)

&quot;Set up this step&quot; opens the Training tab with &quot;the lecture&apos;s four inits&quot;: press Start. On the same spiral and mini-batches, zero weights and biases leave tanh nothing to learn (σ(0) = 0: no weight gets a gradient; under sigmoid the units of a layer learn but stay identical, a symmetry that dropout breaks: preset &quot;Symmetry&quot;), a tiny γ barely moves from chance, a huge γ saturates tanh, and Xavier learns.</source>
        <translation>本节的要点：合理的初始化能让训练保持数值稳定。在这个使用 Xavier 初始化的小型 tanh 网络中，训练开始之前，梯度穿过六个隐藏层时损失略少于一个数量级：按读数的规则（首尾相差不到一个数量级）算作稳定，下面的检查可以确认这一点；而 γ 过小时，梯度每一层就损失 2 个数量级。信号损失略多于一个数量级，所以读数把它判为消失：这是 tanh 缓慢的衰减，而不是崩塌。（“训练”标签页的最后一层只有螺旋数据的 2 个输出，会把梯度再缩放一次：n_Lγ_L = 2·2/34。）

“载入本步设置”会打开“训练”标签页并选好“本节的四种初始化”：点击“开始”。在同一个螺旋数据集、同样的小批量下，全零的权重和偏置让 tanh 无从学习（σ(0) = 0：没有任何权重得到梯度；换成 sigmoid，同一层的单元会学习，但始终相同，这种对称性可由暂退法打破，见预设“对称性”），γ 过小时几乎停留在随机猜测的水平，γ 过大时 tanh 饱和，而 Xavier 能学会。</translation>
    </message>
    <message>
        <source>SGD: W ← W − η·∂ℓ/∂W
Adam: ∂ℓ/∂W divided by its running RMS
‖ΔW^t‖/‖W^t‖ per layer</source>
        <translation>SGD：W ← W − η·∂ℓ/∂W
Adam：∂ℓ/∂W 除以其滑动均方根
每层的 ‖ΔW^t‖/‖W^t‖</translation>
    </message>
    <message>
        <source>init Xavier or He at gain 1, so that the gradient starts stable.</source>
        <translation>初始化选 Xavier 或 He，增益为 1，使梯度一开始就稳定。</translation>
    </message>
    <message>
        <source>sigmoid(x) = 1/2 + x/4 − x³/48 + …
tanh(x) = x − x³/3 + …
relu(x) = x for x ≥ 0, 0 for x &lt; 0</source>
        <translation>sigmoid(x) = 1/2 + x/4 − x³/48 + …
tanh(x) = x − x³/3 + …
relu(x) = x（x ≥ 0），0（x &lt; 0）</translation>
    </message>
    <message>
        <source>An MLP with L layers maps its input h^0 = x through h^t = σ(W^t h^{t−1} + b^t) for t = 1 … L. The lecture assumes that every weight W^t_{ij} is drawn independently of all others and of the layer&apos;s input, with mean 0 and variance γ_t; for now σ is the identity and there are no biases.

The profile plots, layer by layer, the log₁₀ variance of the signal h^t (blue) and of the gradient ∂ℓ/∂h^t (orange). In this setting every weight has variance γ = 1/n = 1/256: both lines stay flat.

The lecture opens with two examples before any formula: sigmoid&apos;s gradient vanishing where |x| is large, and a product of 100 random matrices exploding. The Presets menu&apos;s first two entries show them (Alt+1, Alt+2), and its entry &quot;Symmetry&quot; the symmetry of equal weights (step 13 returns to it).</source>
        <translation>一个 L 层的多层感知机（MLP）通过 h^t = σ(W^t h^{t−1} + b^t)（t = 1 … L）逐层变换其输入 h^0 = x。本节假设每个权重 W^t_{ij} 的抽取都独立于其他所有权重以及该层的输入，均值为 0，方差为 γ_t；目前 σ 取恒等映射，且没有偏置。

方差曲线逐层绘出信号 h^t（蓝色）和梯度 ∂ℓ/∂h^t（橙色）的 log₁₀ 方差。在此设置中，每个权重的方差都是 γ = 1/n = 1/256：两条线都保持水平。

本节开头在给出任何公式之前先举了两个例子：sigmoid 的梯度在 |x| 较大处消失，以及 100 个随机矩阵的乘积发生爆炸。“预设”菜单的前两项展示了它们（Alt+1、Alt+2）；权重全部相等时的对称性见该菜单中的预设“对称性”（第 13 步还会讲到）。</translation>
    </message>
    <message>
        <source>With σ(x) = x, a unit of layer t sums n_{t−1} independent products W^t_{ij} h^{t−1}_j, each of variance γ_t Var[h^{t−1}]. So every layer multiplies the signal&apos;s variance by n_{t−1}γ_t.

Here γ = 0.001 and n = 256: the factor is 0.256, the variance loses about 0.6 decades per layer and is near 10^{−30} of the input&apos;s after 50 layers. The signal vanishes; try other values of γ: only γ = 1/n keeps the line flat.

Below the brown line &quot;float16 min normal&quot; a unit&apos;s typical value √Var is under 6.1·10^{−5}: a half-precision network&apos;s signal loses its digits there, then is 0 (the readout names the layer).</source>
        <translation>当 σ(x) = x 时，第 t 层的一个单元是 n_{t−1} 个独立乘积 W^t_{ij} h^{t−1}_j 之和，每个乘积的方差为 γ_t Var[h^{t−1}]。因此每经过一层，信号的方差就乘以 n_{t−1}γ_t。

此处 γ = 0.001，n = 256：因子为 0.256，方差每层减少约 0.6 个数量级，50 层后约为输入的 10^{−30}。信号消失了；试试 γ 的其他取值：只有 γ = 1/n 能使这条线保持水平。

在棕色线“float16 最小正规数”以下，单元的典型值 √Var 小于 6.1·10^{−5}：半精度网络的信号在那里丢失有效数字，随后变为 0（读数给出层号）。</translation>
    </message>
    <message>
        <source>with σ(x) = x and init constant, make n·γ·gain² less than 1: at gain 1, the variance γ below 1/n.</source>
        <translation>在 σ(x) = x、初始化为常数方差 γ 时，使 n·γ·增益² 小于 1（增益为 1 时即 γ 小于 1/n）。</translation>
    </message>
    <message>
        <source>Backpropagation runs the same product in reverse: ∂ℓ/∂h^{t−1} = (W^t)^T ∂ℓ/∂h^t sums over the n_t units of layer t. So every layer, on the way back, multiplies the gradient&apos;s variance by n_tγ_t.

Here γ = 0.01: n_tγ_t = 2.56, and the gradient reaching the input is about 10^{20} times larger than at the output: it explodes. With equal widths the forward factor is the same number, so the signal explodes too.

Above the brown line &quot;float16 max&quot; √Var passes 65 504: a half-precision network&apos;s values are ∞ there, long before float32&apos;s. The lecture: &quot;especially severe for 16-bit floats (6e-5 – 6e4)&quot;.</source>
        <translation>反向传播沿相反方向执行同样的乘积：∂ℓ/∂h^{t−1} = (W^t)^T ∂ℓ/∂h^t 是对第 t 层 n_t 个单元的求和。因此在反向传回的途中，每经过一层，梯度的方差就乘以 n_tγ_t。

此处 γ = 0.01：n_tγ_t = 2.56，到达输入的梯度约为输出处的 10^{20} 倍：梯度爆炸。宽度相同时，前向因子是同一个数，因此信号也会爆炸。

在棕色线“float16 最大值”以上，√Var 超过 65 504：半精度网络的值在那里已是 ∞，远早于 float32。本节：“对于16位浮点数尤为严重（数值区间 6e-5 - 6e4）”。</translation>
    </message>
    <message>
        <source>with σ(x) = x and init constant, make n·γ·gain² more than 1: at gain 1, the variance γ above 1/n.</source>
        <translation>在 σ(x) = x、初始化为常数方差 γ 时，使 n·γ·增益² 大于 1：增益为 1 时，将方差 γ 设为大于 1/n。</translation>
    </message>
    <message>
        <source>Keeping both variances needs n_{t−1}γ_t = 1 (forward) and n_tγ_t = 1 (backward) at every layer. With equal widths that is one condition; where a layer&apos;s input and output widths differ, no γ_t meets both.

This network narrows from 1024 units to 16, halving every seven layers, with LeCun&apos;s γ_t = 1/n_{t−1} (mode fan_in). The forward condition holds exactly, so the signal stays flat in expectation (one network&apos;s dips a little in its last, 16-unit layers); but n_tγ_t = 1/2 at each of the six narrowings, and in theory the gradient loses 6·log₁₀ 2 ≈ 1.8 decades on its way back (one network loses a little more: its last layers have only 16 units, and a narrow network falls below the expectation). Switch the mode to fan_out (γ_t = 1/n_t) and the roles swap.</source>
        <translation>要使两个方差都保持不变，每一层都需要 n_{t−1}γ_t = 1（前向）且 n_tγ_t = 1（反向）。宽度相同时，这两个条件是同一个；而当某层的输入宽度与输出宽度不同时，没有任何 γ_t 能同时满足两者。

这个网络从 1024 个单元逐渐变窄到 16 个，每七层减半，使用 LeCun 的 γ_t = 1/n_{t−1}（模式 fan_in）。前向条件严格成立，因此在期望意义下，信号的方差逐层保持不变（单个网络的信号在最后几个只有 16 个单元的层中会略有下降）；但在六次变窄处 n_tγ_t 都等于 1/2，理论上梯度在反向传回途中损失 6·log₁₀ 2 ≈ 1.8 个数量级（单个网络损失得略多一些：它最后几层只有 16 个单元，窄网络会落在期望之下）。把模式切换为 fan_out（γ_t = 1/n_t），两者的角色就会互换。</translation>
    </message>
    <message>
        <source>the sigmoid activation under Xavier.</source>
        <translation>激活函数选 sigmoid，初始化选 Xavier。</translation>
    </message>
    <message>
        <source>The fix: 4·sigmoid(x) − 2</source>
        <translation>修正方案：4·sigmoid(x) − 2</translation>
    </message>
    <message>
        <source>Shift and stretch sigmoid until it passes through 0 with slope 1: 4·sigmoid(x) − 2 = 2·tanh(x/2). Near 0 it is the identity, like tanh, and the gradient loses only a few hundredths of a decade per layer (about 1.4 decades over 50 layers): a slow vanishing, not the collapse of sigmoid&apos;s, which loses 1.3 decades a layer.

The slow drift that remains comes from the cubic term, which bends large values towards 0: tanh shows the same. &quot;Set up this step&quot; opens the Activation tab with &quot;Compare with the lecture&apos;s σ&quot;: sigmoid, the fix and tanh on one plot; near 0 the fix and tanh lie on y = x, while sigmoid passes 1/2 above it with a quarter of its slope.</source>
        <translation>把 sigmoid 平移和拉伸，使其以斜率 1 通过原点：4·sigmoid(x) − 2 = 2·tanh(x/2)。它与 tanh 一样在 0 附近是恒等映射，梯度每层只损失零点零几个数量级（50 层累计约 1.4 个数量级）：这是缓慢的消失，而不是 sigmoid 那样每层损失 1.3 个数量级的崩塌。

剩下的缓慢漂移来自三次项，它把较大的值向 0 压缩：tanh 也是如此。“载入本步设置”会打开“激活函数”标签页并勾选“对比本节的激活函数”：sigmoid、修正后的函数和 tanh 画在同一张图上；在 0 附近，修正后的函数和 tanh 贴着 y = x，而 sigmoid 在它上方 1/2 处经过，斜率只有它的四分之一。</translation>
    </message>
    <message>
        <source>4·sigmoid(x) − 2 = x − x³/12 + …</source>
        <translation>4·sigmoid(x) − 2 = x − x³/12 + …</translation>
    </message>
    <message>
        <source>the 4·sigmoid(x) − 2 activation under Xavier.</source>
        <translation>激活函数选 4·sigmoid(x) − 2，初始化选 Xavier。</translation>
    </message>
    <message>
        <source>ReLU and He</source>
        <translation>ReLU 与 He</translation>
    </message>
    <message>
        <source>E[relu(h&apos;)²] = Var[h&apos;]/2
γ_t = 2/n_{t−1}</source>
        <translation>E[relu(h&apos;)²] = Var[h&apos;]/2
γ_t = 2/n_{t−1}</translation>
    </message>
    <message>
        <source>the relu activation with init He.</source>
        <translation>激活函数选 relu，初始化选 He。</translation>
    </message>
    <message>
        <source>Finite width: one network is not the average</source>
        <translation>有限宽度：单个网络不等于平均</translation>
    </message>
    <message>
        <source>The formulas are expectations over the weights, exact for infinitely wide layers. One narrow network fluctuates: each layer multiplies the variance by a random factor whose mean is 1 but whose logarithm has a negative mean, so a typical network drifts down, faster the narrower its layers (Hanin &amp; Rolnick 2018).

This setting draws 16 networks of width 16 (trials 16): the profile shows their median with a band around it. The dashed theory stays flat, the median sinks. Widen the layers and the band closes in on the theory.</source>
        <translation>这些公式是对权重求的期望，只对无限宽的层严格成立。单个窄网络会有波动：每层把方差乘以一个随机因子，其均值为 1，但其对数的均值为负，因此典型的网络会向下漂移，层越窄漂移越快（Hanin &amp; Rolnick 2018）。

此设置抽取 16 个宽度为 16 的网络（抽样次数 16）：曲线显示它们的中位数及其周围的区间带。虚线所示的理论保持水平，中位数却逐渐下沉。加宽各层，区间带就会向理论收拢。</translation>
    </message>
    <message>
        <source>E[log Var[h^t]] &lt; log E[Var[h^t]]
the gap grows like t/n</source>
        <translation>E[log Var[h^t]] &lt; log E[Var[h^t]]
二者之差约随 t/n 增长</translation>
    </message>
    <message>
        <source>Order and chaos</source>
        <translation>有序与混沌</translation>
    </message>
    <message>
        <source>For a saturating σ, mean-field theory (Poole et al. 2016; Schoenholz et al. 2017) gives the gradient&apos;s factor per layer as χ₁ = n_tγ_t E[σ&apos;(h&apos;^t)²], averaged over the pre-activations. χ₁ &lt; 1 is the ordered phase (gradients vanish), χ₁ &gt; 1 the chaotic one (they explode), χ₁ = 1 the edge of chaos.

Here tanh with gain 2: tanh saturates, so the signal stays bounded, yet χ₁ ≈ 1.36 &gt; 1 and the gradient explodes. The Phase diagram tab maps χ₁ over the weight and bias variances, with the critical line between the phases.</source>
        <translation>对于会饱和的 σ，平均场理论（Poole 等，2016；Schoenholz 等，2017）给出梯度每层的因子 χ₁ = n_tγ_t E[σ&apos;(h&apos;^t)²]，其中期望对预激活求取。χ₁ &lt; 1 为有序相（梯度消失），χ₁ &gt; 1 为混沌相（梯度爆炸），χ₁ = 1 为混沌边缘。

此处为增益 2 的 tanh：tanh 会饱和，因此信号保持有界，但 χ₁ ≈ 1.36 &gt; 1，梯度爆炸。“相图”标签页在权重方差和偏置方差构成的平面上绘出 χ₁，并标出两相之间的临界线。</translation>
    </message>
    <message>
        <source>χ₁ = n_tγ_t E[σ&apos;(h&apos;^t)²]
Var[∂ℓ/∂h^{t−1}] = χ₁ Var[∂ℓ/∂h^t]</source>
        <translation>χ₁ = n_tγ_t E[σ&apos;(h&apos;^t)²]
Var[∂ℓ/∂h^{t−1}] = χ₁ Var[∂ℓ/∂h^t]</translation>
    </message>
    <message>
        <source>Training: the initialization decides whether it learns</source>
        <translation>训练：初始化决定网络能否学会</translation>
    </message>
    <message>
        <source>Lesson: previous step</source>
        <translation>导学：上一步</translation>
    </message>
    <message>
        <source>Lesson: next step</source>
        <translation>导学：下一步</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>导学</translation>
    </message>
    <message>
        <source>Lesson text</source>
        <translation>导学内容</translation>
    </message>
    <message>
        <source>Live check</source>
        <translation>实时检查</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Previous step ({keys})</source>
        <translation>上一步（{keys}）</translation>
    </message>
    <message>
        <source>Next step ({keys})</source>
        <translation>下一步（{keys}）</translation>
    </message>
    <message>
        <source>Set up this step</source>
        <translation>载入本步设置</translation>
    </message>
    <message>
        <source>Load this step&apos;s setting into the controls (the rest returns to the defaults)</source>
        <translation>将本步的设置载入控件（其余各项恢复默认值）</translation>
    </message>
    <message>
        <source>step {index} of {count}</source>
        <translation>第 {index} 步，共 {count} 步</translation>
    </message>
    <message>
        <source>Live check: waiting for a result…</source>
        <translation>实时检查：等待结果…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Phase diagram</source>
        <translation>相图</translation>
    </message>
    <message>
        <source>Jacobian spectrum</source>
        <translation>雅可比矩阵谱</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>相图</translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation>雅可比谱</translation>
    </message>
    <message>
        <source>σ(x)</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>{message}; a new one was started</source>
        <translation>{message}；已启动新的工作进程</translation>
    </message>
    <message>
        <source>Monte Carlo {seconds} s</source>
        <translation>蒙特卡洛 {seconds} 秒</translation>
    </message>
    <message>
        <source>preview (batch {batch}) · {seconds}</source>
        <translation>预览（批量 {batch}）· {seconds}</translation>
    </message>
    <message>
        <source>Training starts again from step 0: the network or a training setting changed ({steps} steps trained before are dropped)</source>
        <translation>训练从第 0 步重新开始：网络或某项训练设置已更改（此前训练的 {steps} 步已丢弃）</translation>
    </message>
    <message>
        <source>Training starts again from step 0: the network or a training setting changed (the 1 step trained before is dropped)</source>
        <translation>训练从第 0 步重新开始：网络或某项训练设置已更改（此前训练的 1 步已丢弃）</translation>
    </message>
    <message>
        <source>Reset to the default settings; Edit ▸ Undo brings yours back</source>
        <translation>已恢复默认设置；“编辑 ▸ 撤销”可找回您的设置</translation>
    </message>
    <message>
        <source>Pinned {label}; pin {dropped} unpinned (at most {most} pins: the oldest goes)</source>
        <translation>{label} 已固定；固定运行 {dropped} 已取消固定（最多 {most} 个固定运行：最早的一个让位）</translation>
    </message>
    <message>
        <source>Pins cleared; Edit ▸ Undo brings them back</source>
        <translation>已清除固定；“编辑 ▸ 撤销”可恢复它们</translation>
    </message>
    <message>
        <source>Nothing to pin yet: no Monte Carlo run is plotted</source>
        <translation>尚无可固定的结果：还没有绘制蒙特卡洛运行</translation>
    </message>
    <message>
        <source>Pinned {label}</source>
        <translation>{label} 已固定</translation>
    </message>
    <message>
        <source>Copied the plot as an image</source>
        <translation>已将图复制为图片</translation>
    </message>
    <message>
        <source>Copied the tab as an image</source>
        <translation>已将当前标签页复制为图片</translation>
    </message>
    <message>
        <source>Cannot copy the figure</source>
        <translation>无法复制图</translation>
    </message>
    <message>
        <source>Cannot open config</source>
        <translation>无法打开配置</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <source>Opened {name}; the Sweep tab&apos;s gains it records are not ones the tab draws: left as they were</source>
        <translation>已打开 {name}；其中记录的扫描增益不是扫描页能绘制的，扫描页保持原样</translation>
    </message>
    <message>
        <source>Cannot save config</source>
        <translation>无法保存配置</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>The network is beyond the spectrum&apos;s limits: nothing was computed.</source>
        <translation>网络超出了谱计算的限制：没有计算任何结果。</translation>
    </message>
    <message>
        <source>This tab has not finished computing for the current settings.</source>
        <translation>此标签页尚未按当前设置完成计算。</translation>
    </message>
    <message>
        <source>No training step has been recorded yet.</source>
        <translation>还没有记录任何训练步。</translation>
    </message>
    <message>
        <source>No Monte Carlo result has been plotted yet.</source>
        <translation>尚未绘制任何蒙特卡洛结果。</translation>
    </message>
    <message>
        <source>InitLab: this session was not saved: {problem}</source>
        <translation>InitLab：本次会话未能保存：{problem}</translation>
    </message>
    <message>
        <source>Close without saving the session?</source>
        <translation>不保存会话就关闭？</translation>
    </message>
    <message>
        <source>This session (its settings, network and view) was not saved: {problem}. Close anyway? The next launch will not restore it.</source>
        <translation>本次会话（其设置、网络和视图）未能保存：{problem}。仍要关闭吗？下次启动不会恢复它。</translation>
    </message>
    <message>
        <source>Copied the plot for a slide (16:9)</source>
        <translation>已复制为 16:9 幻灯片图片</translation>
    </message>
    <message>
        <source>Copied the tab for a slide (16:9)</source>
        <translation>已将标签页复制为 16:9 幻灯片图片</translation>
    </message>
    <message>
        <source>Cannot export statistics</source>
        <translation>无法导出统计数据</translation>
    </message>
    <message>
        <source>InitLab — signal and gradient variance at initialization</source>
        <translation>InitLab — 初始化时的信号与梯度方差</translation>
    </message>
    <message>
        <source>Monte Carlo %p%</source>
        <translation>蒙特卡洛 %p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Monte Carlo running: about {time}, {memory}…</source>
        <translation>蒙特卡洛运行中：约 {time}，{memory}…</translation>
    </message>
    <message>
        <source>This run would take {cost}</source>
        <translation>这次运行{cost}</translation>
    </message>
    <message>
        <source>about {time} and {memory} of memory</source>
        <translation>约需 {time}和 {memory} 内存</translation>
    </message>
    <message>
        <source>{said} ({free} available)</source>
        <translation>{said}（可用 {free}）</translation>
    </message>
    <message>
        <source>{said}: more than there is, it would likely fail</source>
        <translation>{said}：超过可用内存，很可能失败</translation>
    </message>
    <message>
        <source>Run it (F5)</source>
        <translation>运行（F5）</translation>
    </message>
    <message>
        <source>Cancel the Monte Carlo</source>
        <translation>取消蒙特卡洛</translation>
    </message>
    <message>
        <source>Monte Carlo cancelled — press F5 to run it again</source>
        <translation>蒙特卡洛已取消 — 按 F5 重新运行</translation>
    </message>
    <message>
        <source>{field}: {reason} — the plots show the last valid setting</source>
        <translation>{field}：{reason} — 图中显示的是上一个有效设置</translation>
    </message>
    <message>
        <source>Wrote {name}</source>
        <translation>已写入 {name}</translation>
    </message>
    <message>
        <source>Cannot export the figure</source>
        <translation>无法导出图</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open config…</source>
        <translation>打开配置(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save config…</source>
        <translation>保存配置(&amp;S)…</translation>
    </message>
    <message>
        <source>Cop&amp;y this tab as an image</source>
        <translation>将当前标签页复制为图片(&amp;Y)</translation>
    </message>
    <message>
        <source>A p&amp;lot of this tab</source>
        <translation>当前标签页中的单幅图(&amp;L)</translation>
    </message>
    <message>
        <source>Export s&amp;tatistics (CSV/JSON)…</source>
        <translation>导出统计数据（CSV/JSON）(&amp;T)…</translation>
    </message>
    <message>
        <source>Copy as &amp;PyTorch code</source>
        <translation>复制为 PyTorch 代码(&amp;P)</translation>
    </message>
    <message>
        <source>Copy as &amp;Keras code</source>
        <translation>复制为 Keras 代码(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Reset to &amp;defaults</source>
        <translation>恢复默认设置(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Simulation</source>
        <translation>模拟(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Run again</source>
        <translation>重新运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Pin this run</source>
        <translation>固定本次运行(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Clear pins</source>
        <translation>清除固定(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Next tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <source>Pre&amp;vious tab</source>
        <translation>上一个标签页(&amp;V)</translation>
    </message>
    <message>
        <source>Reset &amp;zoom</source>
        <translation>重置缩放(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Keep zoom for new settings</source>
        <translation>新设置时保留缩放(&amp;K)</translation>
    </message>
    <message>
        <source>Keep colour &amp;scales for new settings</source>
        <translation>新设置时保留颜色范围(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;tretch each layer to the heatmap&apos;s height</source>
        <translation>将每层拉伸到热图的高度(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Grey-safe colour scale (print, colour blindness)</source>
        <translation>灰度可辨的色标（打印、色盲）(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Readout under the plots</source>
        <translation>图下读数(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>术语表(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>{tab} tab</source>
        <translation>“{tab}”标签页</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>导学(&amp;L)</translation>
    </message>
    <message>
        <source>Walk through the lecture step by step (F1)</source>
        <translation>逐步讲解本节内容（F1）</translation>
    </message>
    <message>
        <source>&amp;Run it</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Config (*.json);;Exported figure, its settings (*.png *.pdf);;All files (*)</source>
        <translation>配置 (*.json);;导出的图（读取其中的设置） (*.png *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>{name} already exists in {folder}. Do you want to replace it?</source>
        <translation>“{folder}”中已有 {name}。要替换它吗？</translation>
    </message>
    <message>
        <source>PNG for a slide, 16:9, 1920 × 1080 (*.png)</source>
        <translation>PNG，幻灯片 16:9，1920 × 1080 (*.png)</translation>
    </message>
    <message>
        <source>PDF for a slide, 16:9, vector (*.pdf)</source>
        <translation>PDF，幻灯片 16:9，矢量图 (*.pdf)</translation>
    </message>
    <message>
        <source>Export a plot of {tab}</source>
        <translation>导出“{tab}”中的一幅图</translation>
    </message>
    <message>
        <source>&amp;About InitLab</source>
        <translation>关于 InitLab(&amp;A)</translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation>已撤销：{what}</translation>
    </message>
    <message>
        <source>Redone: {what}</source>
        <translation>已重做：{what}</translation>
    </message>
    <message>
        <source>&amp;Export this tab (PNG, PDF)…</source>
        <translation>导出当前标签页（PNG、PDF）(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>撤销{what}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>重做{what}(&amp;R)</translation>
    </message>
    <message>
        <source>Copied: Python code that builds this network with {library}&apos;s own initializers</source>
        <translation>已复制：用 {library} 自带的初始化器构建本网络的 Python 代码</translation>
    </message>
    <message>
        <source>&lt;b&gt;InitLab&lt;/b&gt; {version} — signal and gradient variance at initialization.&lt;p&gt;A simulator of the lecture on numerical stability and model initialization (Dive into Deep Learning, section “Numerical Stability and Initialization”): watch signals and gradients vanish or explode in a deep network, and how the initialization and the activation function fix it.&lt;p&gt;Monte Carlo of the network beside the mean-field theory; Help ▸ Lesson walks through the lecture.&lt;p&gt;Built on numpy {numpy}, PySide6 {pyside} (Qt) and pyqtgraph {pyqtgraph}.</source>
        <translation>&lt;b&gt;InitLab&lt;/b&gt; {version} — 初始化时的信号与梯度方差。&lt;p&gt;《动手学深度学习》“数值稳定性和模型初始化”一节的模拟器：观察深度网络中的信号和梯度如何消失或爆炸，以及初始化和激活函数如何解决这一问题。&lt;p&gt;网络的蒙特卡洛模拟与平均场理论并列对照；“帮助 ▸ 导学”带你逐步学习本节内容。&lt;p&gt;基于 numpy {numpy}、PySide6 {pyside}（Qt）和 pyqtgraph {pyqtgraph}。</translation>
    </message>
    <message>
        <source>Free software under the MIT licence (the LICENSE file): use, change and share it, in class and beyond.</source>
        <translation>自由软件，采用 MIT 许可证（见 LICENSE 文件）：可在课堂内外使用、修改和分享。</translation>
    </message>
    <message>
        <source>About InitLab</source>
        <translation>关于 InitLab</translation>
    </message>
    <message>
        <source>Open config</source>
        <translation>打开配置</translation>
    </message>
    <message>
        <source>Save config</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>Config (*.json)</source>
        <translation>配置 (*.json)</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计数据</translation>
    </message>
    <message>
        <source>PNG at {scale} (*.png)</source>
        <translation>PNG，{scale} 尺寸 (*.png)</translation>
    </message>
    <message>
        <source>PDF, vector (*.pdf)</source>
        <translation>PDF，矢量图 (*.pdf)</translation>
    </message>
    <message>
        <source>Export {tab}</source>
        <translation>导出“{tab}”</translation>
    </message>
</context>
<context>
    <name>PhaseView</name>
    <message>
        <source>Order and explosion: log₁₀ χ₁ at the fixed point q*, or in its limit where there is none</source>
        <translation>有序与爆炸：不动点 q* 处的 log₁₀ χ₁，无不动点时取其极限</translation>
    </message>
    <message>
        <source>Order and explosion: log₁₀ χ₁</source>
        <translation>有序与爆炸：log₁₀ χ₁</translation>
    </message>
    <message>
        <source>Order and chaos: log₁₀ χ₁</source>
        <translation>有序与混沌：log₁₀ χ₁</translation>
    </message>
    <message>
        <source>Order and chaos: log₁₀ χ₁ at the fixed point q*</source>
        <translation>有序与混沌：不动点 q* 处的 log₁₀ χ₁</translation>
    </message>
    <message>
        <source>{line}; dotted, where the fixed point q* ends: right of it q grows without bound, and the colour is χ₁ in its limit</source>
        <translation>{line}；点线为不动点 q* 消失之处：其右侧 q 无界增长，颜色为 χ₁ 的极限值</translation>
    </message>
    <message>
        <source>the fixed point that q reaches from q = 1 is lost there; left of the line q settles at a smaller one (or 0), right of it q grows without bound</source>
        <translation>从 q = 1 出发到达的不动点在此消失：线的左侧 q 收敛到更小的不动点（或 0），右侧 q 无界增长</translation>
    </message>
    <message>
        <source>the black line, dashed, is where χ₁ jumps over 1: {why}</source>
        <translation>黑色虚线处 χ₁ 越过 1：{why}</translation>
    </message>
    <message>
        <source>the black line is χ₁ = 1; dashed (σ_b² &lt; {b}), where χ₁ jumps over 1: {why}</source>
        <translation>黑线为 χ₁ = 1；虚线部分（σ_b² &lt; {b}）处 χ₁ 越过 1：{why}</translation>
    </message>
    <message>
        <source>σ&lt;sub&gt;w&lt;/sub&gt;&lt;sup&gt;2&lt;/sup&gt; = n·γ (weight variance × fan-in)</source>
        <translation>σ&lt;sub&gt;w&lt;/sub&gt;&lt;sup&gt;2&lt;/sup&gt; = n·γ（权重方差 × 扇入）</translation>
    </message>
    <message>
        <source>σ&lt;sub&gt;b&lt;/sub&gt;&lt;sup&gt;2&lt;/sup&gt; (bias variance)</source>
        <translation>σ&lt;sub&gt;b&lt;/sub&gt;&lt;sup&gt;2&lt;/sup&gt;（偏置方差）</translation>
    </message>
    <message>
        <source>log₁₀ χ₁   (below 0: ordered, above 0: chaotic; saturates beyond)</source>
        <translation>log₁₀ χ₁（低于 0：有序，高于 0：混沌；超出范围则颜色饱和）</translation>
    </message>
    <message>
        <source>log₁₀ χ₁   (below 0: ordered, above 0: exploding; saturates beyond)</source>
        <translation>log₁₀ χ₁（低于 0：有序，高于 0：爆炸；超出范围则颜色饱和）</translation>
    </message>
    <message>
        <source>ordered  χ₁ &lt; 1</source>
        <translation>有序  χ₁ &lt; 1</translation>
    </message>
    <message>
        <source>chaotic  χ₁ &gt; 1</source>
        <translation>混沌  χ₁ &gt; 1</translation>
    </message>
    <message>
        <source>log₁₀ χ₁ (order and chaos)</source>
        <translation>log₁₀ χ₁（有序与混沌）</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>exploding  χ₁ &gt; 1</source>
        <translation>爆炸  χ₁ &gt; 1</translation>
    </message>
    <message>
        <source>log₁₀ χ₁   (below 0: ordered, above 0: chaotic, or exploding where there is no q*; saturates beyond)</source>
        <translation>log₁₀ χ₁（低于 0：有序，高于 0：混沌，无 q* 处为爆炸；超出范围则颜色饱和）</translation>
    </message>
    <message>
        <source>chaotic or exploding  χ₁ &gt; 1</source>
        <translation>混沌或爆炸  χ₁ &gt; 1</translation>
    </message>
    <message>
        <source>log₁₀ χ₁   (below 0: ordered; no χ₁ &gt; 1 in this range; saturates beyond)</source>
        <translation>log₁₀ χ₁（低于 0：有序；此范围内没有 χ₁ &gt; 1；超出范围则颜色饱和）</translation>
    </message>
    <message>
        <source>χ₁ &gt; 1</source>
        <translation>χ₁ &gt; 1</translation>
    </message>
    <message>
        <source>log₁₀ χ₁</source>
        <translation>log₁₀ χ₁</translation>
    </message>
    <message>
        <source>log₁₀ ξ&lt;sub&gt;c&lt;/sub&gt; (layers; ∞ on the line, saturates beyond; grey: no q* &gt; 0)</source>
        <translation>log₁₀ ξ&lt;sub&gt;c&lt;/sub&gt;（层数；临界线上为 ∞，超出范围则颜色饱和；灰色：无 q* &gt; 0）</translation>
    </message>
    <message>
        <source>log₁₀ ξ&lt;sub&gt;c&lt;/sub&gt; (layers; grey: no q* &gt; 0)</source>
        <translation>log₁₀ ξ&lt;sub&gt;c&lt;/sub&gt;（层数；灰色：无 q* &gt; 0）</translation>
    </message>
    <message>
        <source>Order and chaos: log₁₀ χ₁ at the fixed point q*, or in its limit where there is none</source>
        <translation>有序与混沌：不动点 q* 处的 log₁₀ χ₁，无不动点时取其极限</translation>
    </message>
    <message>
        <source>Computing the phase diagram of {activation} ({grid}×{grid} fixed points)…</source>
        <translation>正在计算 {activation} 的相图（{grid}×{grid} 个不动点）…</translation>
    </message>
    <message>
        <source>Phase diagram of {activation}: {line}.</source>
        <translation>{activation} 的相图：{line}。</translation>
    </message>
    <message>
        <source>the black line is χ₁ = 1</source>
        <translation>黑线为 χ₁ = 1</translation>
    </message>
    <message>
        <source>log₁₀ χ₁ (order and explosion)</source>
        <translation>log₁₀ χ₁（有序与爆炸）</translation>
    </message>
    <message>
        <source>Depth scale ξ&lt;sub&gt;c&lt;/sub&gt;</source>
        <translation>深度尺度 ξ&lt;sub&gt;c&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>no order–chaos line in this range</source>
        <translation>此范围内没有有序–混沌分界线</translation>
    </message>
    <message>
        <source>Phase diagram of {activation}: {line}; hover for χ₁ and the depth scale ξ_c. Init zeros puts the network at σ_w² = 0 whatever the gain: a click sets only the bias std.</source>
        <translation>{activation} 的相图：{line}；悬停可查看 χ₁ 和深度尺度 ξ_c。全零初始化下，无论增益多少网络都处于 σ_w² = 0：点击只设置偏置标准差。</translation>
    </message>
    <message>
        <source>correlation depth scale</source>
        <translation>相关性深度尺度</translation>
    </message>
    <message>
        <source>Depth scale ξ&lt;sub&gt;c&lt;/sub&gt;: the layers over which two inputs&apos; correlation is forgotten</source>
        <translation>深度尺度 ξ&lt;sub&gt;c&lt;/sub&gt;：两个输入之间的相关性被遗忘所需的层数</translation>
    </message>
    <message>
        <source>Phase diagram of {activation}: {line}; hover for χ₁ and the depth scale ξ_c, click to set gain and bias std there (σ_w² of its layers).</source>
        <translation>{activation} 的相图：{line}；悬停可查看 χ₁ 和深度尺度 ξ_c，点击则设置增益和偏置标准差，使各层位于该点。</translation>
    </message>
    <message>
        <source>Phase diagram of {activation}: {line}; hover for χ₁ and the depth scale ξ_c, click to set gain and bias std there (σ_w² of the hidden layers).</source>
        <translation>{activation} 的相图：{line}；悬停可查看 χ₁ 和深度尺度 ξ_c，点击则设置增益和偏置标准差，使隐藏层位于该点。</translation>
    </message>
    <message>
        <source>χ₁ jumps over 1</source>
        <translation>χ₁ 越过 1</translation>
    </message>
    <message>
        <source>grid point {point}</source>
        <translation>网格点 {point}</translation>
    </message>
    <message>
        <source>Phase diagram: bias std {bias}; the gain is kept (init zeros: σ_w² is 0 at every gain)</source>
        <translation>相图：偏置标准差 {bias}；增益保持不变（全零初始化：任何增益下 σ_w² 都为 0）</translation>
    </message>
    <message>
        <source>Phase diagram: gain {gain}, bias std {bias}</source>
        <translation>相图：增益 {gain}，偏置标准差 {bias}</translation>
    </message>
    <message>
        <source>Phase diagram: that point needs a gain outside the control&apos;s range {lo}…{hi}; gain clamped to {gain}, bias std {bias}</source>
        <translation>相图：该点所需的增益超出控件范围 {lo}…{hi}；增益已限制为 {gain}，偏置标准差 {bias}</translation>
    </message>
</context>
<context>
    <name>Pin</name>
    <message>
        <source>pin {number}: {setting}</source>
        <translation>固定运行 {number}：{setting}</translation>
    </message>
</context>
<context>
    <name>PinBar</name>
    <message>
        <source>Pin run</source>
        <translation>固定运行</translation>
    </message>
    <message>
        <source>Keep the plotted run and overlay it (grey) on the next ones in the profile, up to {max_pins} (Ctrl+P); pins are exported with the figure (PNG, PDF) and the statistics</source>
        <translation>保留当前绘制的运行，并以灰色叠加在之后的方差曲线上，最多 {max_pins} 个（Ctrl+P）；固定的运行会随图（PNG、PDF）和统计数据一起导出</translation>
    </message>
    <message>
        <source>Clear pins</source>
        <translation>清除固定</translation>
    </message>
    <message>
        <source>{n} pinned</source>
        <translation>已固定 {n} 个</translation>
    </message>
</context>
<context>
    <name>PlotMenu</name>
    <message>
        <source>&amp;Copy this plot</source>
        <translation>复制这幅图(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Copy these plots</source>
        <translation>复制这些图(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export this plot (PNG, PDF)…</source>
        <translation>导出这幅图（PNG、PDF）(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Export these plots (PNG, PDF)…</source>
        <translation>导出这些图 (PNG, PDF)(&amp;E)…</translation>
    </message>
    <message>
        <source>Copy this plot for a &amp;slide (16:9)</source>
        <translation>复制为 16:9 幻灯片图片(&amp;S)</translation>
    </message>
    <message>
        <source>Copy these plots for a &amp;slide (16:9)</source>
        <translation>将这些图复制为 16:9 幻灯片图片(&amp;S)</translation>
    </message>
    <message>
        <source>Copy this &amp;tab</source>
        <translation>复制当前标签页(&amp;T)</translation>
    </message>
    <message>
        <source>Copy this tab for a s&amp;lide (16:9)</source>
        <translation>将当前标签页复制为 16:9 幻灯片图片(&amp;L)</translation>
    </message>
    <message>
        <source>Export this t&amp;ab (PNG, PDF)…</source>
        <translation>导出当前标签页 (PNG, PDF)(&amp;A)…</translation>
    </message>
    <message>
        <source>No plot on this tab yet</source>
        <translation>当前标签页还没有图</translation>
    </message>
    <message>
        <source>plot</source>
        <translation>图</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>Linear MLP, constant γ too small (n·γ = 0.256)</source>
        <translation>线性多层感知机，常数方差 γ 过小（n·γ = 0.256）</translation>
    </message>
    <message>
        <source>n_{t−1}γ = n_tγ = 0.256 &lt; 1: each layer multiplies both variances by 0.256, so the profile falls as a straight line and the heatmaps fade to blue.</source>
        <translation>n_{t−1}γ = n_tγ = 0.256 &lt; 1：每层都把两个方差乘以 0.256，因此曲线呈直线下降，热图逐渐变蓝。</translation>
    </message>
    <message>
        <source>Linear MLP, γ = 1/n</source>
        <translation>线性多层感知机，γ = 1/n</translation>
    </message>
    <message>
        <source>n_{t−1}γ = n_tγ = 1: forward and backward variances stay at the input&apos;s level through all 50 layers.</source>
        <translation>n_{t−1}γ = n_tγ = 1：在全部 50 层中，前向和反向方差都保持在输入的水平。</translation>
    </message>
    <message>
        <source>Linear MLP, constant γ too large (n·γ = 2.56)</source>
        <translation>线性多层感知机，常数方差 γ 过大（n·γ = 2.56）</translation>
    </message>
    <message>
        <source>n_{t−1}γ = 2.56 &gt; 1: the variance gains 0.41 decades per layer, 20 decades after 50 layers, and the heatmaps turn red (yellow on the grey-safe scale).</source>
        <translation>n_{t−1}γ = 2.56 &gt; 1：方差每层增加 0.41 个数量级，50 层后增加 20 个数量级，热图变红（灰度可辨色标下变黄）。</translation>
    </message>
    <message>
        <source>Xavier normal</source>
        <translation>Xavier 正态</translation>
    </message>
    <message>
        <source>γ = 2/(n_{in} + n_{out}), the compromise between n_{t−1}γ = 1 and n_tγ = 1; with equal widths both hold and both lines stay flat (try widths 784, 256x49, 10 to see the compromise where widths change).</source>
        <translation>γ = 2/(n_{in} + n_{out})，是 n_{t−1}γ = 1 与 n_tγ = 1 之间的折中；宽度相同时两者同时成立，两条线都保持水平（试试宽度 784, 256x49, 10，观察宽度变化处的折中）。</translation>
    </message>
    <message>
        <source>Xavier uniform</source>
        <translation>Xavier 均匀</translation>
    </message>
    <message>
        <source>U(±√(6/(n_{in} + n_{out}))) has the same variance as Xavier normal: the same flat profile from a different weight distribution.</source>
        <translation>U(±√(6/(n_{in} + n_{out}))) 与 Xavier 正态的方差相同：权重分布不同，曲线同样平坦。</translation>
    </message>
    <message>
        <source>Affine σ(x) = x + 0.5 (β ≠ 0)</source>
        <translation>仿射 σ(x) = x + 0.5（β ≠ 0）</translation>
    </message>
    <message>
        <source>Affine σ(x) = 1.2·x (α ≠ 1)</source>
        <translation>仿射 σ(x) = 1.2·x（α ≠ 1）</translation>
    </message>
    <message>
        <source>α ≠ 1 multiplies both variances by α² = 1.44 at every layer: Xavier assumes σ&apos;(0) = 1.</source>
        <translation>α ≠ 1 使两个方差在每层都乘以 α² = 1.44：Xavier 假设 σ&apos;(0) = 1。</translation>
    </message>
    <message>
        <source>Sigmoid under Xavier</source>
        <translation>Xavier 下的 sigmoid</translation>
    </message>
    <message>
        <source>sigmoid(0) = 1/2 and sigmoid&apos;(0) = 1/4: values crowd around 1/2 and the gradient shrinks about 18-fold per layer on its way back to the input (sigmoid&apos;² ≤ 1/16 makes 16-fold only a bound).</source>
        <translation>sigmoid(0) = 1/2，sigmoid&apos;(0) = 1/4：数值聚集在 1/2 附近，梯度在反向传回输入的途中每层缩小约 18 倍（sigmoid&apos;² ≤ 1/16，所以每层缩小 16 倍只是下限）。</translation>
    </message>
    <message>
        <source>tanh ≈ x near 0, so Xavier almost works: both variances decay only slowly, yet they still vanish, about −2.0 decades forward and −1.8 decades for the gradient over 50 layers.</source>
        <translation>在 0 附近 tanh ≈ x，因此 Xavier 基本适用：两个方差都只是缓慢衰减，但仍然会消失，50 层累计前向约 −2.0 个数量级，梯度约 −1.8 个数量级。</translation>
    </message>
    <message>
        <source>4·sigmoid(x) − 2 = x − x³/12 + …: centred, slope 1 at 0, so its profile is close to tanh&apos;s (about −1.5 against −2.0 decades forward over 50 layers) and far from sigmoid&apos;s (−63 decades of gradient).</source>
        <translation>4·sigmoid(x) − 2 = x − x³/12 + …：以 0 为中心，在 0 处斜率为 1，因此其曲线接近 tanh（50 层累计前向约 −1.5 个数量级，tanh 为 −2.0），远离 sigmoid（梯度 −63 个数量级）。</translation>
    </message>
    <message>
        <source>Symmetry: zero weights under sigmoid, and dropout</source>
        <translation>对称性：sigmoid 下的零权重，以及暂退法（dropout）</translation>
    </message>
    <message>
        <source>Zero weights under sigmoid (σ(0) = 1/2): the weights learn, yet every unit of a hidden layer stays identical, so each layer acts as one unit and the circles stay out of reach. Set dropout to 0.2 and start again: the units part and learn the circles.</source>
        <translation>sigmoid 下的零权重（σ(0) = 1/2）：权重会学习，但隐藏层的所有单元始终相同，所以每层只相当于一个单元，学不会两个同心圆。把暂退概率设为 0.2 后重新开始：各单元不再相同，能学会同心圆。</translation>
    </message>
    <message>
        <source>Demo: sigmoid&apos;s gradient vanishes at large |x|</source>
        <translation>演示：sigmoid 的梯度在 |x| 较大时消失</translation>
    </message>
    <message>
        <source>The lecture&apos;s first figure: sigmoid and its gradient over about ±8, the pre-activations of layer 1 at gain 2. The gradient is 1/4 at 0 and below 1 % of that beyond |x| ≈ 6: a saturated unit passes almost nothing back.</source>
        <translation>本节的第一张图：sigmoid 及其梯度，横轴约取 ±8，覆盖增益为 2 时第 1 层预激活的范围。梯度在 0 处为 1/4，在 |x| ≈ 6 以外不到它的 1%：饱和的单元几乎不向后传递梯度。</translation>
    </message>
    <message>
        <source>Demo: a product of 100 random 4 × 4 matrices explodes</source>
        <translation>演示：100 个 4 × 4 随机矩阵的乘积会爆炸</translation>
    </message>
    <message>
        <source>The lecture multiplies 100 matrices of N(0, 1) entries. Here each of 100 layers of width 4 does (σ the identity, γ = 1): the variance&apos;s expectation grows 4-fold a layer, 60 decades (dashed); one network follows the typical run (dotted), about 48.</source>
        <translation>本节把 100 个元素服从 N(0, 1) 的矩阵相乘。这里 100 个宽度为 4 的层各乘一个这样的矩阵（σ 为恒等映射，γ = 1）：方差的期望每层增长 4 倍，共 60 个数量级（虚线）；单个网络大致沿点线（典型网络）增长，约 48 个数量级。</translation>
    </message>
    <message>
        <source>Too large weights drive tanh into its flat tails: the distribution piles up at ±1, yet the gradient explodes, since χ₁ = n_tγ_t E[tanh&apos;²] ≈ 2.4 &gt; 1 (the chaotic phase).</source>
        <translation>权重过大会把 tanh 推入饱和区：分布堆积在 ±1 处，梯度却会爆炸，因为 χ₁ = n_tγ_t E[tanh&apos;²] ≈ 2.4 &gt; 1（混沌相）。</translation>
    </message>
    <message>
        <source>Tanh under Xavier</source>
        <translation>Xavier 下的 tanh</translation>
    </message>
    <message>
        <source>β ≠ 0 gives every layer the mean β; the next multiplies the second moment, so the pooled variance grows by about β² a layer: the spread of the units&apos; means (unit i gets its own Σ_j W_{ij}β). The per-unit heatmaps, over the batch, stay flat.</source>
        <translation>β ≠ 0 使每层的均值都为 β；下一层乘的是二阶矩，因此合并的方差每层增加约 β²：这是各单元均值之间的离散程度（单元 i 得到自己的 Σ_j W_{ij}β）。逐单元热图（对批量计算）保持平坦。</translation>
    </message>
    <message>
        <source>ReLU under Xavier</source>
        <translation>Xavier 下的 ReLU</translation>
    </message>
    <message>
        <source>relu zeroes the negative half of the pre-activations, so E[relu(h&apos;)²] = Var[h&apos;]/2: the variance halves at every layer.</source>
        <translation>relu 把预激活中为负的一半置零，因此 E[relu(h&apos;)²] = Var[h&apos;]/2：方差每层减半。</translation>
    </message>
    <message>
        <source>The fix: 4·sigmoid(x) − 2 under Xavier</source>
        <translation>修正方案：Xavier 下的 4·sigmoid(x) − 2</translation>
    </message>
    <message>
        <source>ReLU with He</source>
        <translation>He 初始化下的 ReLU</translation>
    </message>
    <message>
        <source>He&apos;s γ = 2/n_{t−1} makes up for relu&apos;s halving: both lines stay near the input&apos;s level (one network of finite width drifts a little, more so when narrow).</source>
        <translation>He 的 γ = 2/n_{t−1} 弥补了 relu 造成的减半：两条线都保持在输入水平附近（有限宽度的单个网络仍会略有漂移，网络越窄漂移越明显）。</translation>
    </message>
    <message>
        <source>Training: zeros, γ too small, γ too large, Xavier</source>
        <translation>训练：全零、γ 过小、γ 过大、Xavier</translation>
    </message>
    <message>
        <source>Same spiral, same mini-batches: zero weights (with zero biases) give tanh no gradient at all and a tiny gain starts with its gradient vanished before the first layer and learns little, a huge gain saturates tanh and learns badly, Xavier learns.</source>
        <translation>相同的螺旋数据，相同的小批量：零权重（偏置也为零）使 tanh 完全得不到梯度，极小的增益使梯度一开始就在到达第一层之前消失、学到的很少，极大的增益使 tanh 饱和、学得很差，而 Xavier 能学好。</translation>
    </message>
    <message>
        <source>Saturation: tanh with gain 4</source>
        <translation>饱和：增益为 4 的 tanh</translation>
    </message>
    <message>
        <source>{name}: {hint}</source>
        <translation>{name}。{hint}</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <source>Variance profile (pooled over batch and units)</source>
        <translation>方差曲线（对批量和单元合并计算）</translation>
    </message>
    <message>
        <source>Variance profile</source>
        <translation>方差曲线</translation>
    </message>
    <message>
        <source>Dimmed: previous settings&apos; Monte Carlo — computing…</source>
        <translation>变暗：上一组设置的蒙特卡洛——正在计算…</translation>
    </message>
    <message>
        <source>Dimmed: previous settings&apos; Monte Carlo — cancelled (F5)</source>
        <translation>变暗：上一组设置的蒙特卡洛——已取消（F5）</translation>
    </message>
    <message>
        <source>Dimmed: previous settings&apos; Monte Carlo — long run waits (F5)</source>
        <translation>变暗：上一组设置的蒙特卡洛——长时间运行待启动（F5）</translation>
    </message>
    <message>
        <source>Dimmed: computing…</source>
        <translation>变暗：正在计算…</translation>
    </message>
    <message>
        <source>Dimmed: cancelled (F5)</source>
        <translation>变暗：已取消（F5）</translation>
    </message>
    <message>
        <source>Dimmed: long run waits (F5)</source>
        <translation>变暗：长时间运行待启动（F5）</translation>
    </message>
    <message>
        <source>forward Var[h&lt;sup&gt;t&lt;/sup&gt;]</source>
        <translation>前向 Var[h&lt;sup&gt;t&lt;/sup&gt;]</translation>
    </message>
    <message>
        <source>backward Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;]</source>
        <translation>反向 Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;]</translation>
    </message>
    <message>
        <source>forward, theory: expectation, ∞ width</source>
        <translation>前向，理论：期望，宽度 ∞</translation>
    </message>
    <message>
        <source>backward, theory: expectation, ∞ width</source>
        <translation>反向，理论：期望，宽度 ∞</translation>
    </message>
    <message>
        <source>forward, typical run: expected log</source>
        <translation>前向，典型网络：对数的期望</translation>
    </message>
    <message>
        <source>backward, typical run: expected log</source>
        <translation>反向，典型网络：对数的期望</translation>
    </message>
    <message>
        <source>forward, Monte Carlo</source>
        <translation>前向，蒙特卡洛</translation>
    </message>
    <message>
        <source>backward, Monte Carlo</source>
        <translation>反向，蒙特卡洛</translation>
    </message>
    <message>
        <source>forward, median</source>
        <translation>前向，中位数</translation>
    </message>
    <message>
        <source>backward, median</source>
        <translation>反向，中位数</translation>
    </message>
    <message>
        <source>forward, theory</source>
        <translation>前向，理论</translation>
    </message>
    <message>
        <source>backward, theory</source>
        <translation>反向，理论</translation>
    </message>
    <message>
        <source>forward, typical run</source>
        <translation>前向，典型网络</translation>
    </message>
    <message>
        <source>backward, typical run</source>
        <translation>反向，典型网络</translation>
    </message>
    <message>
        <source>Monte Carlo</source>
        <translation>蒙特卡洛</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>theory</source>
        <translation>理论</translation>
    </message>
    <message>
        <source>typical run</source>
        <translation>典型网络</translation>
    </message>
    <message>
        <source>theory {value}</source>
        <translation>理论 {value}</translation>
    </message>
    <message>
        <source>typical {value}</source>
        <translation>典型网络 {value}</translation>
    </message>
    <message>
        <source>{direction}: {values}</source>
        <translation>{direction}：{values}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>pin {n}: forward {forward}, backward {backward}</source>
        <translation>固定运行 {n}：前向 {forward}，反向 {backward}</translation>
    </message>
    <message>
        <source>typical run (dotted): not drawn, exact without bias only</source>
        <translation>典型网络（点线）：未绘出，仅在无偏置时有精确解</translation>
    </message>
    <message>
        <source>typical run: without bias only</source>
        <translation>典型网络：仅限无偏置</translation>
    </message>
    <message>
        <source>typical run (dotted): not drawn, exact for normal weights only</source>
        <translation>典型网络（点线）：未绘出，仅对正态权重有精确解</translation>
    </message>
    <message>
        <source>typical run: normal weights only</source>
        <translation>典型网络：仅限正态权重</translation>
    </message>
    <message>
        <source>typical run (dotted): not drawn, no exact form for {activation}</source>
        <translation>典型网络（点线）：未绘出，{activation} 下无精确解</translation>
    </message>
    <message>
        <source>typical run: none for {activation}</source>
        <translation>典型网络：{activation} 下无精确解</translation>
    </message>
    <message>
        <source>typical run (dotted): not drawn, exact with β = 0 only</source>
        <translation>典型网络（点线）：未绘出，仅在 β = 0 时有精确解</translation>
    </message>
    <message>
        <source>typical run: β = 0 only</source>
        <translation>典型网络：仅限 β = 0</translation>
    </message>
    <message>
        <source>typical run (dotted): not available here</source>
        <translation>典型网络（点线）：此处不可用</translation>
    </message>
    <message>
        <source>layer t</source>
        <translation>层 t</translation>
    </message>
    <message>
        <source>log₁₀ variance (decades)</source>
        <translation>log₁₀ 方差（数量级）</translation>
    </message>
    <message>
        <source>log₁₀ variance</source>
        <translation>log₁₀ 方差</translation>
    </message>
    <message>
        <source>input level</source>
        <translation>输入水平</translation>
    </message>
    <message>
        <source>pin {n}</source>
        <translation>固定运行 {n}</translation>
    </message>
    <message>
        <source>{pin} (beyond)</source>
        <translation>{pin}（视图外）</translation>
    </message>
    <message>
        <source>{pin} — partly beyond the view</source>
        <translation>{pin} — 部分超出视图</translation>
    </message>
    <message>
        <source>{name}, median of {trials} draws</source>
        <translation>{name}，{trials} 次抽样的中位数</translation>
    </message>
    <message>
        <source>{name}, Monte Carlo</source>
        <translation>{name}，蒙特卡洛</translation>
    </message>
    <message>
        <source>Variance profile: median of {trials} draws, bands 10–90 % and min–max</source>
        <translation>方差曲线：{trials} 次抽样的中位数，区间带为 10–90% 与最小–最大</translation>
    </message>
    <message>
        <source>Median of {trials} draws, 10–90 %, min–max</source>
        <translation>{trials} 次抽样的中位数，10–90%，最小–最大</translation>
    </message>
    <message>
        <source>typical run: not drawn</source>
        <translation>典型网络：未绘出</translation>
    </message>
    <message>
        <source>Solid: Monte Carlo, the variance of this network pooled over the batch and the units (the median network when there are several draws).</source>
        <translation>实线：蒙特卡洛，即本网络按批量和单元合并求得的方差（有多次抽样时取中位数网络）。</translation>
    </message>
    <message>
        <source>Dashed: mean-field theory: the expectation over weights (infinite width).</source>
        <translation>虚线：平均场理论，即对权重求的期望（无限宽度）。</translation>
    </message>
    <message>
        <source>Dotted: typical run: the expected log (one network): the mean over the weights and one input of log₁₀(‖h&lt;sup&gt;t&lt;/sup&gt;‖²/n&lt;sub&gt;t&lt;/sub&gt;), which one input of the median network follows at this width. The dashed line multiplies the layers&apos; expected factors, this one adds their expected logs, so it drifts below with depth; the solid line, pooled over the batch (a mean over inputs), lies between the two on average over networks (one network may stray outside). For relu and leaky relu the units&apos; mean is taken off as at infinite width (relu: × (1 − 1/π)), so that it is a variance like the other lines.</source>
        <translation>点线：典型网络，即对数的期望（单个网络）：对权重和单个输入求 log₁₀(‖h&lt;sup&gt;t&lt;/sup&gt;‖²/n&lt;sub&gt;t&lt;/sub&gt;) 的均值，它描述当前宽度下中位数网络中单个输入的方差随层数的变化。虚线把各层因子的期望相乘，这条线则把各层对数的期望相加，因此随深度增加逐渐低于虚线；实线对批量合并（对输入的平均），对多个网络平均而言位于两者之间（单个网络可能偏离到两者之外）。对于 relu 和 leaky relu，按无限宽度时的情形减去各单元的均值（relu：乘以 1 − 1/π），使它与其他线一样是方差。</translation>
    </message>
    <message>
        <source>Grey broken lines (dash-dot, long dashes): pinned runs, forward in blue-grey and backward in brown-grey (one legend entry per pin; hover for their values).</source>
        <translation>灰色虚线（点划线、长虚线）：固定的运行，前向为蓝灰色，反向为棕灰色（每个固定运行在图例中占一项；悬停可查看其数值）。</translation>
    </message>
    <message>
        <source>The typical run is exact only with zero bias, normal weights and σ identity, linear (β = 0), relu or leaky relu: not drawn here.</source>
        <translation>典型网络仅在偏置为零、权重服从正态分布且 σ 为恒等、仿射（β = 0）、relu 或 leaky relu 时才精确：此处不绘制。</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>Dimmed: previous settings&apos; Monte Carlo — this one failed (F5 runs it again)</source>
        <translation>变暗：上一组设置的蒙特卡洛——这一组失败了（按 F5 重新运行）</translation>
    </message>
    <message>
        <source>Dimmed: failed (F5)</source>
        <translation>变暗：失败（F5）</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>layer {t}</source>
        <translation>第 {t} 层</translation>
    </message>
    <message>
        <source>float16 min normal</source>
        <translation>float16 最小正规数</translation>
    </message>
    <message>
        <source>float16 max</source>
        <translation>float16 最大值</translation>
    </message>
    <message>
        <source>A layer&apos;s typical value is √Var. Above the upper line it passes 65 504, float16&apos;s largest number: a half-precision network&apos;s values are ∞ there. Below the lower line it is under 6.1·10^{−5}, float16&apos;s smallest normal number: they lose their digits, and are 0 below 6·10^{−8}; around a shared mean (sigmoid&apos;s 1/2, where float16&apos;s numbers are 4.9·10^{−4} apart) the units merge sooner, as the readout says. The lecture: &quot;especially severe for 16-bit floats (6e-5 – 6e4)&quot;. The levels hold for x and ∂ℓ/∂h^L of variance 1, as here; a loss scale moves the gradient&apos;s.</source>
        <translation>一层的典型值是 √Var。在上面那条线以上，它超过 float16 的最大数 65 504：半精度网络的值在那里为 ∞。在下面那条线以下，它小于 float16 的最小正规数 6.1·10^{−5}：这些值会丢失有效数字，低于 6·10^{−8} 时变为 0；若各单元有共同的均值（如 sigmoid 的 1/2，那里 float16 相邻两数相差 4.9·10^{−4}），它们会更早变得相同，读数会给出层号。本节：“对于16位浮点数尤为严重（数值区间 6e-5 - 6e4）”。这两个水平对应方差为 1 的 x 和 ∂ℓ/∂h^L（本应用即如此）；损失缩放会移动梯度的水平。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>Readout</name>
    <message>
        <source>{verdict} — Monte Carlo running…</source>
        <translation>{verdict} — 蒙特卡洛运行中…</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Readout: the setting and its verdict</source>
        <translation>读数：当前设置及其结论</translation>
    </message>
    <message>
        <source>Per layer</source>
        <translation>每层因子</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>float16</source>
        <translation>半精度</translation>
    </message>
    <message>
        <source>Per unit</source>
        <translation>逐单元</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入遗忘</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Look for</source>
        <translation>注意观察</translation>
    </message>
</context>
<context>
    <name>Runner</name>
    <message>
        <source>the worker process stopped unexpectedly (out of memory?), exit code {code}</source>
        <translation>工作进程意外停止（内存不足？），退出代码 {code}</translation>
    </message>
    <message>
        <source>the system stopped the worker process: out of memory (not retried)</source>
        <translation>系统终止了工作进程：内存不足（不自动重试）</translation>
    </message>
    <message>
        <source>the worker process did not answer for {seconds} s (suspended?)</source>
        <translation>工作进程 {seconds} 秒没有响应（被挂起？）</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>the saved window geometry is unreadable</source>
        <translation>保存的窗口位置与大小无法读取</translation>
    </message>
    <message>
        <source>the settings file could not be read ({status})</source>
        <translation>无法读取设置文件（{status}）</translation>
    </message>
    <message>
        <source>the settings file is from a newer InitLab (version {version}); it is left as it is</source>
        <translation>设置文件来自更新版本的 InitLab（版本 {version}），保持原样不予改动</translation>
    </message>
    <message>
        <source>the settings file has unrecognized content</source>
        <translation>设置文件包含无法识别的内容</translation>
    </message>
    <message>
        <source>it cannot be opened</source>
        <translation>文件无法访问</translation>
    </message>
    <message>
        <source>it is not in the INI format</source>
        <translation>该文件不是 INI 格式</translation>
    </message>
    <message>
        <source>a saved setting was refused ({problem})</source>
        <translation>一项已保存的设置被拒绝（{problem}）</translation>
    </message>
    <message>
        <source>{count} saved settings were refused ({problem}, …)</source>
        <translation>{count} 项已保存的设置被拒绝（{problem}，…）</translation>
    </message>
    <message>
        <source>the saved config is invalid ({problem})</source>
        <translation>保存的配置无效（{problem}）</translation>
    </message>
    <message>
        <source>the saved language is unknown</source>
        <translation>保存的语言未知</translation>
    </message>
    <message>
        <source>The language chosen is not kept for the next launch: {problem}</source>
        <translation>所选语言不会保留到下次启动：{problem}</translation>
    </message>
    <message>
        <source>{path} could not be written</source>
        <translation>无法写入 {path}</translation>
    </message>
</context>
<context>
    <name>SpectrumView</name>
    <message>
        <source>singular values of this network (histogram)</source>
        <translation>本网络的奇异值（直方图）</translation>
    </message>
    <message>
        <source>√(mean s²), this network</source>
        <translation>√(s² 的均值)，本网络</translation>
    </message>
    <message>
        <source>√(mean s²), mean-field theory</source>
        <translation>√(s² 的均值)，平均场理论</translation>
    </message>
    <message>
        <source>float64 precision floor</source>
        <translation>float64 精度下限</translation>
    </message>
    <message>
        <source>Singular values of the input–output Jacobian J = ∂h&lt;sup&gt;L&lt;/sup&gt;/∂h&lt;sup&gt;0&lt;/sup&gt;</source>
        <translation>输入–输出雅可比矩阵 J = ∂h&lt;sup&gt;L&lt;/sup&gt;/∂h&lt;sup&gt;0&lt;/sup&gt; 的奇异值</translation>
    </message>
    <message>
        <source>log₁₀ singular value s</source>
        <translation>log₁₀ 奇异值 s</translation>
    </message>
    <message>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>not computed: beyond the spectrum&apos;s limits (see below)</source>
        <translation>未计算：超出了谱计算的限制（见下文）</translation>
    </message>
    <message>
        <source>not run yet (see below)</source>
        <translation>尚未运行（见下文）</translation>
    </message>
    <message>
        <source>not computed (see below)</source>
        <translation>未计算（见下文）</translation>
    </message>
    <message>
        <source>law of s at infinite width (free probability)</source>
        <translation>无限宽度下 s 的分布（自由概率）</translation>
    </message>
    <message>
        <source>← {count} below the floor</source>
        <translation>← {count} 个低于下限</translation>
    </message>
    <message>
        <source>← {count} below the floor at {floor}</source>
        <translation>← {count} 个低于下限 {floor}</translation>
    </message>
    <message>
        <source>The Jacobian spectrum is computed for widths up to {max_width} and depth up to {max_depth}; this network has depth {depth} and widths up to {width}. Make it smaller to see its spectrum.</source>
        <translation>雅可比矩阵谱仅在宽度不超过 {max_width}、深度不超过 {max_depth} 时计算；本网络深度为 {depth}，最大宽度为 {width}。请缩小网络以查看其谱。</translation>
    </message>
    <message>
        <source>Not computed: the network is beyond the spectrum&apos;s limits.</source>
        <translation>未计算：网络超出了谱计算的限制。</translation>
    </message>
    <message>
        <source>Computing the Jacobian of {depth} layers …</source>
        <translation>正在计算 {depth} 层的雅可比矩阵…</translation>
    </message>
    <message>
        <source>No spectrum for this network (see above).</source>
        <translation>无法计算此网络的谱（见上文）。</translation>
    </message>
    <message>
        <source>Spectrum of one network ({count} singular value).</source>
        <translation>单个网络的谱（{count} 个奇异值）。</translation>
    </message>
    <message>
        <source>Spectrum of one network ({count} singular values).</source>
        <translation>单个网络的谱（{count} 个奇异值）。</translation>
    </message>
</context>
<context>
    <name>SweepLines</name>
    <message>
        <source>At the ends: Var[h&lt;sup&gt;L&lt;/sup&gt;] reaching the output, Var[∂ℓ/∂h&lt;sup&gt;0&lt;/sup&gt;] reaching the input</source>
        <translation>两端：输出层的 Var[h&lt;sup&gt;L&lt;/sup&gt;] 与输入层的 Var[∂ℓ/∂h&lt;sup&gt;0&lt;/sup&gt;]</translation>
    </message>
    <message>
        <source>At the ends, by gain</source>
        <translation>两端，按增益</translation>
    </message>
    <message>
        <source>gain (log scale)</source>
        <translation>增益（对数刻度）</translation>
    </message>
    <message>
        <source>log₁₀ variance (decades)</source>
        <translation>log₁₀ 方差（数量级）</translation>
    </message>
    <message>
        <source>Var[h&lt;sup&gt;L&lt;/sup&gt;], Monte Carlo</source>
        <translation>Var[h&lt;sup&gt;L&lt;/sup&gt;]，蒙特卡洛</translation>
    </message>
    <message>
        <source>Var[∂ℓ/∂h&lt;sup&gt;0&lt;/sup&gt;], Monte Carlo</source>
        <translation>Var[∂ℓ/∂h&lt;sup&gt;0&lt;/sup&gt;]，蒙特卡洛</translation>
    </message>
    <message>
        <source>Var[h&lt;sup&gt;L&lt;/sup&gt;], theory</source>
        <translation>Var[h&lt;sup&gt;L&lt;/sup&gt;]，理论</translation>
    </message>
    <message>
        <source>Var[∂ℓ/∂h&lt;sup&gt;0&lt;/sup&gt;], theory</source>
        <translation>Var[∂ℓ/∂h&lt;sup&gt;0&lt;/sup&gt;]，理论</translation>
    </message>
</context>
<context>
    <name>SweepView</name>
    <message>
        <source>maps, Monte Carlo</source>
        <translation>热图：蒙特卡洛</translation>
    </message>
    <message>
        <source>maps, theory only</source>
        <translation>热图：仅理论</translation>
    </message>
    <message>
        <source>lines by gain</source>
        <translation>随增益变化的曲线</translation>
    </message>
    <message>
        <source>must be below the highest gain {high} (at most {most}: the ends are a factor {ratio} apart at least), got {shown}</source>
        <translation>必须低于最高增益 {high}（至多 {most}：两端至少相差 {ratio} 倍），输入为 {shown}</translation>
    </message>
    <message>
        <source>must be above the lowest gain {low} (at least {least}: the ends are a factor {ratio} apart at least), got {shown}</source>
        <translation>必须高于最低增益 {low}（至少 {least}：两端至少相差 {ratio} 倍），输入为 {shown}</translation>
    </message>
    <message>
        <source>maps, Monte Carlo: every layer by gain, each gain&apos;s row showing the theory until its Monte Carlo arrives; maps, theory only: the mean-field prediction; lines by gain: the output&apos;s signal and the input&apos;s gradient by gain, in decades, Monte Carlo beside theory</source>
        <translation>热图：蒙特卡洛：各增益下每一层的结果，每个增益的行在其蒙特卡洛结果到来前显示理论值；热图：仅理论：平均场理论的预测；随增益变化的曲线：输出信号和输入梯度随增益的变化（数量级），蒙特卡洛与理论并列</translation>
    </message>
    <message>
        <source>number of gains, log-spaced; one network of {samples} inputs each (not the Monte Carlo&apos;s batch or trials)</source>
        <translation>增益的取值个数（按对数等距）；每个取一个网络、{samples} 个输入（不采用蒙特卡洛的批量和抽样次数）</translation>
    </message>
    <message>
        <source>gain</source>
        <translation>增益</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>values</source>
        <translation>个取值</translation>
    </message>
    <message>
        <source>show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>lowest gain</source>
        <translation>最小增益</translation>
    </message>
    <message>
        <source>highest gain</source>
        <translation>最大增益</translation>
    </message>
    <message>
        <source>number of gains</source>
        <translation>增益个数</translation>
    </message>
    <message>
        <source>show: maps of the Monte Carlo or of the theory only, or lines by gain</source>
        <translation>显示：蒙特卡洛热图、仅理论热图或随增益变化的曲线</translation>
    </message>
    <message>
        <source>Forward: log₁₀ Var[h&lt;sup&gt;t&lt;/sup&gt;] by gain</source>
        <translation>前向：各增益下的 log₁₀ Var[h&lt;sup&gt;t&lt;/sup&gt;]</translation>
    </message>
    <message>
        <source>Forward: log₁₀ Var[h&lt;sup&gt;t&lt;/sup&gt;]</source>
        <translation>前向：log₁₀ Var[h&lt;sup&gt;t&lt;/sup&gt;]</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>Backward: log₁₀ Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;] by gain</source>
        <translation>反向：各增益下的 log₁₀ Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;]</translation>
    </message>
    <message>
        <source>Backward: log₁₀ Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;]</source>
        <translation>反向：log₁₀ Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;]</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>layer t</source>
        <translation>层 t</translation>
    </message>
    <message>
        <source>gain (log scale)</source>
        <translation>增益（对数刻度）</translation>
    </message>
    <message>
        <source>log₁₀ Var[{quantity}] (decades; saturates beyond)</source>
        <translation>log₁₀ Var[{quantity}]（数量级；超出范围则颜色饱和）</translation>
    </message>
    <message>
        <source>current gain {gain}</source>
        <translation>当前增益 {gain}</translation>
    </message>
    <message>
        <source>current {gain}</source>
        <translation>当前 {gain}</translation>
    </message>
    <message>
        <source>critical {gain}</source>
        <translation>临界 {gain}</translation>
    </message>
    <message>
        <source>critical gain {gain}</source>
        <translation>临界增益 {gain}</translation>
    </message>
    <message>
        <source>The critical gain comes with the Monte Carlo&apos;s first gains</source>
        <translation>临界增益将在蒙特卡洛算完第一批增益后给出</translation>
    </message>
    <message>
        <source>The critical gain was not computed (the Monte Carlo has not run)</source>
        <translation>临界增益未计算（蒙特卡洛尚未运行）</translation>
    </message>
    <message>
        <source>The critical gain was not computed (the Monte Carlo stopped before its first gain)</source>
        <translation>临界增益未计算（蒙特卡洛在第一个增益之前已停止）</translation>
    </message>
    <message>
        <source>{critical}.  Colour: log₁₀ variance in decades; 0 is the input&apos;s level (forward) and the output gradient&apos;s (backward).</source>
        <translation>{critical}。颜色：log₁₀ 方差（数量级）；0 对应输入的水平（前向）和输出梯度的水平（反向）。</translation>
    </message>
    <message>
        <source>From gain {gain} the Monte Carlo has no gradient: the forward pass overflowed float32 (no point on the backward line).</source>
        <translation>从增益 {gain} 起蒙特卡洛没有梯度：前向传播已超出 float32 的范围（反向曲线上没有点）。</translation>
    </message>
    <message>
        <source>From gain {gain} the Monte Carlo has no gradient: the forward pass overflowed float32 (grey in the backward map).</source>
        <translation>从增益 {gain} 起蒙特卡洛没有梯度：前向传播已超出 float32 的范围（反向图中的灰色）。</translation>
    </message>
    <message>
        <source>The phase diagram&apos;s line χ₁ = 1 (endless depth) is at gain {edge}; this network&apos;s finite depth, its first and last layers and its input&apos;s transient move the critical gain to {critical}.</source>
        <translation>相图中的 χ₁ = 1 线（无限深）位于增益 {edge}；本网络的有限深度、首末两层以及输入的过渡过程使临界增益移到 {critical}。</translation>
    </message>
    <message>
        <source>The phase diagram&apos;s line χ₁ = 1 (endless depth) is at gain {edge}; this network&apos;s finite depth and its input&apos;s transient move the critical gain to {critical}.</source>
        <translation>相图中的 χ₁ = 1 线（无限深）位于增益 {edge}；本网络的有限深度以及输入的过渡过程使临界增益移到 {critical}。</translation>
    </message>
    <message>
        <source>With n_0 = {first} and n_L = {last} the critical gain keeps the gradient&apos;s squared norm, not its variance per unit, which reaches the input {level} decades from the output&apos;s level (log₁₀(n_L/n_0)).</source>
        <translation>n_0 = {first}、n_L = {last} 时，临界增益保持的是梯度的平方范数，而不是每个单元的方差：后者到达输入时相对输出的水平为 {level} 个数量级（log₁₀(n_L/n_0)）。</translation>
    </message>
    <message>
        <source>Network: {network}.</source>
        <translation>网络：{network}。</translation>
    </message>
    <message>
        <source>The current gain {gain} is outside the swept range {lo}–{hi}: no line marks it.</source>
        <translation>当前增益 {gain} 在扫描范围 {lo}–{hi} 之外：图中没有标出它的线。</translation>
    </message>
    <message>
        <source>The Monte Carlo parts from the theory at {count} of {total} gains ({low}–{high}); at gain {gain}: {why}.</source>
        <translation>在 {total} 个增益中有 {count} 个（{low}–{high}）蒙特卡洛偏离理论；在增益 {gain} 处：{why}。</translation>
    </message>
    <message>
        <source>The lines show the mean-field theory only (Monte Carlo: {n} of {total} gains computed)</source>
        <translation>曲线仅显示平均场理论（蒙特卡洛：{total} 个增益中已完成 {n} 个）</translation>
    </message>
    <message>
        <source>Monte Carlo at all {total} gains, one network of {samples} inputs each</source>
        <translation>蒙特卡洛：全部 {total} 个增益，每个取一个网络、{samples} 个输入</translation>
    </message>
    <message>
        <source>Monte Carlo: {n} of {total} gains (one network of {samples} inputs each)</source>
        <translation>蒙特卡洛：{total} 个增益中已完成 {n} 个（每个取一个网络、{samples} 个输入）</translation>
    </message>
    <message>
        <source>Monte Carlo: {n} of {total} gains (one network of {samples} inputs each); the theory is being computed</source>
        <translation>蒙特卡洛：{total} 个增益中已完成 {n} 个（每个取一个网络、{samples} 个输入）；理论值正在计算</translation>
    </message>
    <message>
        <source>Monte Carlo: {n} of {total} gains (one network of {samples} inputs each); the maps show the theory</source>
        <translation>蒙特卡洛：{total} 个增益中已完成 {n} 个（每个取一个网络、{samples} 个输入）；图中显示的是理论值</translation>
    </message>
    <message>
        <source>Monte Carlo: {n} of {total} gains (one network of {samples} inputs each); the other rows show the theory</source>
        <translation>蒙特卡洛：{total} 个增益中已完成 {n} 个（每个取一个网络、{samples} 个输入）；其余行显示理论值</translation>
    </message>
    <message>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <source>Black hatched (/): exactly zero variance (all units the same value for all inputs).</source>
        <translation>黑色斜线格（/）：方差恰为零（所有单元对所有输入都输出同一个值）。</translation>
    </message>
    <message>
        <source>Black: exactly zero variance (all units the same value for all inputs).</source>
        <translation>黑色：方差恰为零（所有单元对所有输入都输出同一个值）。</translation>
    </message>
    <message>
        <source>The colour bars differ: ±{forward} decades forward, ±{backward} backward.</source>
        <translation>两个色标的范围不同：前向 ±{forward} 个数量级，反向 ±{backward}。</translation>
    </message>
    <message>
        <source>{summary} — Monte Carlo running…</source>
        <translation>{summary} — 蒙特卡洛运行中…</translation>
    </message>
    <message>
        <source>{critical}.  0 decades is the input&apos;s level (forward) and the output gradient&apos;s (backward).</source>
        <translation>{critical}。纵轴 0 对应输入的水平（前向）与输出梯度的水平（反向）。</translation>
    </message>
    <message>
        <source>A point of exactly zero variance is left out (all units the same value for all inputs: log₁₀ of the variance is −∞).</source>
        <translation>方差恰为零的点不画出（所有单元对所有输入都取同一个值：方差的 log₁₀ 为 −∞）。</translation>
    </message>
    <message>
        <source>The maps show the mean-field theory only (Monte Carlo: {n} of {total} gains computed)</source>
        <translation>图中仅显示平均场理论（蒙特卡洛：{total} 个增益中已完成 {n} 个）</translation>
    </message>
    <message>
        <source>below float32&apos;s range (the pass underflowed)</source>
        <translation>低于 float32 的范围（传播下溢）</translation>
    </message>
    <message>
        <source>beyond float32&apos;s range (the pass overflowed)</source>
        <translation>超出 float32 的范围（传播上溢）</translation>
    </message>
    <message>
        <source>undefined (the forward pass overflowed)</source>
        <translation>未定义（前向传播上溢）</translation>
    </message>
    <message>
        <source>gain {gain}, layer {t}: {quantity} {value} ({source})</source>
        <translation>增益 {gain}，第 {t} 层：{quantity} {value}（{source}）</translation>
    </message>
    <message>
        <source>{source}: Var[h&lt;sup&gt;L&lt;/sup&gt;] {forward}; Var[∂ℓ/∂h&lt;sup&gt;0&lt;/sup&gt;] {backward}</source>
        <translation>{source}：Var[h&lt;sup&gt;L&lt;/sup&gt;] {forward}；Var[∂ℓ/∂h&lt;sup&gt;0&lt;/sup&gt;] {backward}</translation>
    </message>
</context>
<context>
    <name>TrainingView</name>
    <message>
        <source>spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>circles</source>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>异或</translation>
    </message>
    <message>
        <source>two Gaussians</source>
        <translation>两团高斯</translation>
    </message>
    <message>
        <source>teacher MLP (64-D)</source>
        <translation>教师网络（64 维多层感知机）</translation>
    </message>
    <message>
        <source>MNIST (IDX files)</source>
        <translation>MNIST（IDX 文件）</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD + momentum</source>
        <translation>SGD + 动量</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>this network only</source>
        <translation>仅本网络</translation>
    </message>
    <message>
        <source>the lecture&apos;s four inits</source>
        <translation>本节的四种初始化</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>暂退概率</translation>
    </message>
    <message>
        <source>compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>logging interval</source>
        <translation>记录间隔</translation>
    </message>
    <message>
        <source>Set by the config, no field here: {settings}</source>
        <translation>由配置文件设定（此处没有对应字段）：{settings}</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>the folder holding train-images-idx3-ubyte and the other IDX files</source>
        <translation>存放 train-images-idx3-ubyte 及其他 IDX 文件的文件夹</translation>
    </message>
    <message>
        <source>learning rate (log scale)</source>
        <translation>学习率（对数刻度）</translation>
    </message>
    <message>
        <source>training steps of each run</source>
        <translation>每次运行的训练步数</translation>
    </message>
    <message>
        <source>the share of each hidden layer&apos;s units zeroed at each training step, the others scaled by 1/(1 − p) (inverted dropout; never when evaluating): it breaks the symmetry of equal weights</source>
        <translation>每个训练步中每个隐藏层被置零的单元比例，其余单元乘以 1/(1 − p)（倒置暂退法，即 dropout；评估时不使用）：它能打破相同权重的对称性</translation>
    </message>
    <message>
        <source>examples per training step (the Monte Carlo&apos;s batch is another)</source>
        <translation>每个训练步的样本数（与蒙特卡洛的批量无关）</translation>
    </message>
    <message>
        <source>train this network alone, or instead the lecture&apos;s four initializations of it (zeros; Xavier at gains 0.1, 10 and 1) on the same data and mini-batches</source>
        <translation>单独训练本网络，或改为在相同的数据和小批量上训练它的本节四种初始化（全零；增益 0.1、10 和 1 的 Xavier）</translation>
    </message>
    <message>
        <source>Folder of the MNIST IDX files</source>
        <translation>MNIST IDX 文件所在的文件夹</translation>
    </message>
    <message>
        <source>Training loss (log scale)</source>
        <translation>训练损失（对数刻度）</translation>
    </message>
    <message>
        <source>Training loss, averaged over {every} steps (log scale)</source>
        <translation>训练损失（每 {every} 步平均，对数刻度）</translation>
    </message>
    <message>
        <source>Training loss, {every}-step mean</source>
        <translation>训练损失（{every} 步平均）</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>cross-entropy (nats)</source>
        <translation>交叉熵（奈特）</translation>
    </message>
    <message>
        <source>Held-out loss (log scale)</source>
        <translation>验证集损失（对数刻度）</translation>
    </message>
    <message>
        <source>Held-out accuracy</source>
        <translation>验证集准确率</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Gradient variance: {run}</source>
        <translation>梯度方差：{run}</translation>
    </message>
    <message>
        <source>Update ratio: {run}</source>
        <translation>更新比：{run}</translation>
    </message>
    <message>
        <source>Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;]: {run}</source>
        <translation>梯度方差：{run}</translation>
    </message>
    <message>
        <source>‖ΔW&lt;sup&gt;t&lt;/sup&gt;‖ / ‖W&lt;sup&gt;t&lt;/sup&gt;‖: {run}</source>
        <translation>更新比：{run}</translation>
    </message>
    <message>
        <source>Gradient variance</source>
        <translation>梯度方差</translation>
    </message>
    <message>
        <source>Update ratio</source>
        <translation>更新比</translation>
    </message>
    <message>
        <source>log₁₀ Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;]</source>
        <translation>log₁₀ Var[∂ℓ/∂h&lt;sup&gt;t&lt;/sup&gt;]</translation>
    </message>
    <message>
        <source>log₁₀ ‖ΔW&lt;sup&gt;t&lt;/sup&gt;‖ / ‖W&lt;sup&gt;t&lt;/sup&gt;‖</source>
        <translation>log₁₀ ‖ΔW&lt;sup&gt;t&lt;/sup&gt;‖ / ‖W&lt;sup&gt;t&lt;/sup&gt;‖</translation>
    </message>
    <message>
        <source>layer t</source>
        <translation>层 t</translation>
    </message>
    <message>
        <source>log₁₀</source>
        <translation>log₁₀</translation>
    </message>
    <message>
        <source>no steps yet</source>
        <translation>尚无训练步</translation>
    </message>
    <message>
        <source>nothing finite to draw</source>
        <translation>没有可绘制的有限值</translation>
    </message>
    <message>
        <source>black: exactly 0</source>
        <translation>黑色：恰为 0</translation>
    </message>
    <message>
        <source>this network</source>
        <translation>本网络</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>全零</translation>
    </message>
    <message>
        <source>γ too small</source>
        <translation>γ 过小</translation>
    </message>
    <message>
        <source>γ too large</source>
        <translation>γ 过大</translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>ready: press Start</source>
        <translation>就绪：请按“开始”</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped: training diverged</source>
        <translation>已停止：训练发散</translation>
    </message>
    <message>
        <source>{state} · the mini-batch of {batch} is more than the {points} training examples: each step goes over them {times} times</source>
        <translation>{state} · 小批量 {batch} 大于训练集（{points} 个样本）：每步约遍历训练集 {times} 次</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>step {step}: loss {loss}, held-out loss {heldout}, held-out accuracy {accuracy} %</source>
        <translation>第 {step} 步，训练损失 {loss}，验证集损失 {heldout}，验证集准确率 {accuracy}%</translation>
    </message>
    <message>
        <source>step {step}: loss {loss}, held-out loss {heldout}</source>
        <translation>第 {step} 步，训练损失 {loss}，验证集损失 {heldout}</translation>
    </message>
    <message>
        <source>{text}; no weight gets a gradient: with every weight 0 and σ(0) = 0 each hidden unit outputs 0, and only the output&apos;s bias learns (dropout cannot change that)</source>
        <translation>{text}；没有任何权重得到梯度：权重全为 0 且 σ(0) = 0，每个隐藏单元都输出 0，只有输出层的偏置在学习（暂退法也改变不了这一点）</translation>
    </message>
    <message>
        <source>{text}; the gradient&apos;s variance at layer 1 is {decades} decades above the output&apos;s ({start} decades at step {first}): it grew in training</source>
        <translation>{text}；第 1 层的梯度方差比输出层高 {decades} 个数量级（第 {first} 步时为 {start} 个数量级）：是在训练中增大的</translation>
    </message>
    <message>
        <source>{text}; the gradient&apos;s variance at layer 1 is {decades} decades below the output&apos;s ({start} decades below at step {first}): it was lost in training</source>
        <translation>{text}；第 1 层的梯度方差比输出层低 {decades} 个数量级（第 {first} 步时只低 {start} 个数量级）：梯度是在训练过程中消失的，并非初始化造成</translation>
    </message>
    <message>
        <source>{text}; no weight gets a gradient: with every weight 0 and σ(0) = 0 each hidden unit outputs 0, and only the output&apos;s bias learns (with sigmoid, σ(0) = 1/2, the weights learn and the units stay identical: the symmetry)</source>
        <translation>{text}；没有任何权重得到梯度：权重全为 0 且 σ(0) = 0，每个隐藏单元都输出 0，只有输出层的偏置在学习（换成 sigmoid，σ(0) = 1/2，权重会学习，而各单元始终相同：这才是对称性）</translation>
    </message>
    <message>
        <source>{text}; the units of a hidden layer differ: dropout broke the zero weights&apos; symmetry</source>
        <translation>{text}；隐藏层的各单元不再相同：暂退法打破了零权重的对称性</translation>
    </message>
    <message>
        <source>diverged (inf or NaN) at step {step} in layer {layer}</source>
        <translation>第 {step} 步时在第 {layer} 层发散（出现 inf 或 NaN）</translation>
    </message>
    <message>
        <source>{text}; {percent} % of the units of layer {layer} are dead (0 for every input of the mini-batch)</source>
        <translation>{text}；第 {layer} 层有 {percent}% 的单元已“死亡”（对小批量中的每个输入都输出 0）</translation>
    </message>
    <message>
        <source>{text}; that is the median of the last {rows} logs, which range from {low} to {high} decades</source>
        <translation>{text}；此为最近 {rows} 次记录的中位数，这些记录介于 {low} 与 {high} 个数量级之间</translation>
    </message>
    <message>
        <source>{text}; at step {first} the gradient&apos;s variance at layer 1 was {start} decades above the output&apos;s</source>
        <translation>{text}；第 {first} 步时第 1 层的梯度方差比输出层高 {start} 个数量级</translation>
    </message>
    <message>
        <source>{text}; at step {first} the gradient&apos;s variance at layer 1 was {start} decades below the output&apos;s</source>
        <translation>{text}；第 {first} 步时第 1 层的梯度方差比输出层低 {start} 个数量级</translation>
    </message>
    <message>
        <source>{text}; no gradient reaches layer 1 (it is 0 in float32, below 10⁻⁴⁵): its weights do not learn</source>
        <translation>{text}；梯度消失：传到第 1 层的梯度在 float32 中下溢为 0（绝对值小于 10⁻⁴⁵），该层权重得不到更新</translation>
    </message>
    <message>
        <source>{text}; at step {first} no gradient reached layer 1; its variance is now {decades} decades below the output&apos;s</source>
        <translation>{text}；第 {first} 步时没有梯度到达第 1 层；现在第 1 层的梯度方差比输出层低 {decades} 个数量级</translation>
    </message>
    <message>
        <source>{text}; at step {first} no gradient reached layer 1; its variance is now {decades} decades above the output&apos;s</source>
        <translation>{text}；第 {first} 步时没有梯度到达第 1 层；现在第 1 层的梯度方差比输出层高 {decades} 个数量级</translation>
    </message>
    <message>
        <source>{text}; at step {first} the gradient&apos;s variance at layer 1 was {start} decades below the output&apos;s ({decades} decades above it now)</source>
        <translation>{text}；第 {first} 步时第 1 层的梯度方差比输出层低 {start} 个数量级（现在反而高 {decades} 个数量级）</translation>
    </message>
    <message>
        <source>{text}; at step {first} the gradient&apos;s variance at layer 1 was {start} decades above the output&apos;s ({decades} decades now)</source>
        <translation>{text}；第 {first} 步时第 1 层的梯度方差比输出层高 {start} 个数量级（现在高 {decades} 个数量级）</translation>
    </message>
    <message>
        <source>{text}; at step {first} the gradient&apos;s variance at layer 1 was {start} decades above the output&apos;s ({decades} decades below it now)</source>
        <translation>{text}；第 {first} 步时第 1 层的梯度方差比输出层高 {start} 个数量级（现在反而低 {decades} 个数量级）</translation>
    </message>
    <message>
        <source>dropout {rate}</source>
        <translation>暂退概率 {rate}</translation>
    </message>
    <message>
        <source>logged every step</source>
        <translation>每步记录一次</translation>
    </message>
    <message>
        <source>logged every {every} steps</source>
        <translation>每 {every} 步记录一次</translation>
    </message>
    <message>
        <source>{text}; every unit of each hidden layer is identical (zero weights and equal biases never break the symmetry)</source>
        <translation>{text}；每个隐藏层的所有单元都完全相同（权重全为零且偏置相同，对称性始终无法打破）</translation>
    </message>
    <message>
        <source>{text}; every unit of layer {layer} is dead (relu gives 0 for every input of the mini-batch): the gradient stops there, and the layers nearer the input get none and do not learn</source>
        <translation>{text}；第 {layer} 层的单元全部“死亡”（对小批量中的每个输入 ReLU 都输出 0）：梯度在这一层被截断，更靠近输入的各层得不到梯度，无法学习</translation>
    </message>
    <message>
        <source>{text}; the gradient&apos;s variance at layer 1 is {decades} decades above the output&apos;s: it explodes in this network</source>
        <translation>{text}；第 1 层的梯度方差比输出层高 {decades} 个数量级：该网络出现梯度爆炸</translation>
    </message>
    <message>
        <source>{text}; the gradient&apos;s variance at layer 1 is {decades} decades below the output&apos;s: it vanishes in this network</source>
        <translation>{text}；第 1 层的梯度方差比输出层低 {decades} 个数量级：该网络出现梯度消失</translation>
    </message>
    <message>
        <source>{text}; the gradient&apos;s variance at layer 1 is {decades} decades below the output&apos;s (none lost at step {first}): it was lost in training</source>
        <translation>{text}；第 1 层的梯度方差比输出层低 {decades} 个数量级（第 {first} 步时并未减弱）：梯度是在训练过程中消失的，并非初始化造成</translation>
    </message>
    <message>
        <source>{text}; at step {first} the gradient&apos;s variance at layer 1 was {start} decades below the output&apos;s ({decades} decades now)</source>
        <translation>{text}；第 {first} 步时第 1 层的梯度方差比输出层低 {start} 个数量级（现在低 {decades} 个数量级）</translation>
    </message>
    <message>
        <source>learning rate {lr}</source>
        <translation>学习率 {lr}</translation>
    </message>
    <message>
        <source>weight decay {decay}</source>
        <translation>权重衰减 {decay}</translation>
    </message>
    <message>
        <source>mini-batch {batch}</source>
        <translation>小批量 {batch}</translation>
    </message>
    <message>
        <source>{steps} steps</source>
        <translation>{steps} 步</translation>
    </message>
    <message>
        <source>step {step} of {steps} (every run diverged)</source>
        <translation>第 {step} 步，共 {steps} 步（所有运行均已发散）</translation>
    </message>
    <message>
        <source>step {step} of {steps} (not finished)</source>
        <translation>第 {step} 步，共 {steps} 步（训练未完成）</translation>
    </message>
    <message>
        <source>step {step} of {steps} (it diverged)</source>
        <translation>第 {step} 步，共 {steps} 步（训练已发散）</translation>
    </message>
    <message>
        <source>the lecture&apos;s four inits (zeros; γ too small: Xavier at gain {small}; γ too large: Xavier at gain {large}; Xavier); network: {network}</source>
        <translation>本节的四种初始化（全零；γ 过小：增益 {small} 的 Xavier；γ 过大：增益 {large} 的 Xavier；Xavier）；网络：{network}</translation>
    </message>
    <message>
        <source>{training}; {network}</source>
        <translation>{training}；{network}</translation>
    </message>
    <message>
        <source>{name}: {text}</source>
        <translation>{name}：{text}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>train up to the next logged step, then pause</source>
        <translation>训练到下一个记录的步，然后暂停</translation>
    </message>
    <message>
        <source>start again from step 0: the same initial weights and mini-batches (the seed decides them; New seed draws others)</source>
        <translation>从第 0 步重新开始：初始权重和小批量都与之前相同（由种子决定；“新种子”会抽取另一组）</translation>
    </message>
    <message>
        <source>maps of</source>
        <translation>热图显示</translation>
    </message>
    <message>
        <source>step {step} of {total}</source>
        <translation>第 {step} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>A value is not valid: fix the red field to train</source>
        <translation>有值无效：请先修正红框中的值</translation>
    </message>
    <message>
        <source>Cannot train: {problem}</source>
        <translation>无法训练：{problem}</translation>
    </message>
    <message>
        <source>Training failed: {message}</source>
        <translation>训练失败：{message}</translation>
    </message>
    <message>
        <source>{state} · {rate} steps/s</source>
        <translation>{state} · 每秒 {rate} 步</translation>
    </message>
    <message>
        <source>decision regions at step {step}</source>
        <translation>第 {step} 步的决策区域</translation>
    </message>
    <message>
        <source>Decision regions: {names}</source>
        <translation>决策区域：{names}</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>change of {field}</source>
        <translation>对“{field}”的更改</translation>
    </message>
    <message>
        <source>change of {count} settings</source>
        <translation>对 {count} 项设置的更改</translation>
    </message>
    <message>
        <source>clearing of the pins</source>
        <translation>清除固定</translation>
    </message>
    <message>
        <source>pinning of pin {number}</source>
        <translation>固定运行 {number}</translation>
    </message>
    <message>
        <source>preset “{name}”</source>
        <translation>预设“{name}”</translation>
    </message>
    <message>
        <source>lesson step “{title}”</source>
        <translation>导学步骤“{title}”</translation>
    </message>
    <message>
        <source>reset to defaults</source>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <source>opening {name}</source>
        <translation>打开 {name}</translation>
    </message>
</context>
<context>
    <name>WeightsView</name>
    <message>
        <source>Layer &amp;t:</source>
        <translation>层 t(&amp;T)：</translation>
    </message>
    <message>
        <source>The layer whose weights W&lt;sup&gt;t&lt;/sup&gt; are shown (1 … L)</source>
        <translation>显示其权重 W&lt;sup&gt;t&lt;/sup&gt; 的层（1 … L）</translation>
    </message>
    <message>
        <source>weight W&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;ij&lt;/sub&gt;</source>
        <translation>权重 W&lt;sup&gt;t&lt;/sup&gt;&lt;sub&gt;ij&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>probability density</source>
        <translation>概率密度</translation>
    </message>
    <message>
        <source>this network&apos;s weights</source>
        <translation>本网络的权重</translation>
    </message>
    <message>
        <source>layer t</source>
        <translation>层 t</translation>
    </message>
    <message>
        <source>the chosen distribution</source>
        <translation>所选分布</translation>
    </message>
    <message>
        <source>normal, same variance</source>
        <translation>同方差的正态分布</translation>
    </message>
    <message>
        <source>uniform, same variance</source>
        <translation>同方差的均匀分布</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>The weights W&lt;sup&gt;t&lt;/sup&gt;</source>
        <translation>权重 W&lt;sup&gt;t&lt;/sup&gt;</translation>
    </message>
    <message>
        <source>No network yet.</source>
        <translation>尚无网络。</translation>
    </message>
    <message>
        <source>Weights W&lt;sup&gt;t&lt;/sup&gt; of layer t = {t} ({n_in} → {n_out}): all 0 (init zeros)</source>
        <translation>第 t = {t} 层的权重 W&lt;sup&gt;t&lt;/sup&gt;（{n_in} → {n_out}）：全为 0（零初始化）</translation>
    </message>
    <message>
        <source>every weight is 0: probability 1</source>
        <translation>所有权重均为 0：概率为 1</translation>
    </message>
    <message>
        <source>Weights W&lt;sup&gt;t&lt;/sup&gt; of layer t = {t} ({n_in} → {n_out}): {distribution}, γ&lt;sub&gt;t&lt;/sub&gt; = {gamma}</source>
        <translation>第 t = {t} 层的权重 W&lt;sup&gt;t&lt;/sup&gt;（{n_in} → {n_out}）：{distribution}分布，γ&lt;sub&gt;t&lt;/sub&gt; = {gamma}</translation>
    </message>
    <message>
        <source>±√(6/(n_{{in}} + n_{{out}})) = ±{bound}</source>
        <translation>±√(6/(n_{{in}} + n_{{out}})) = ±{bound}</translation>
    </message>
    <message>
        <source>Xavier&apos;s uniform: U(±√(6/(n_{{in}} + n_{{out}}))) = U(±√(6/{sum})) = U(±{bound}).</source>
        <translation>Xavier 均匀分布：U(±√(6/(n_{{in}} + n_{{out}}))) = U(±√(6/{sum})) = U(±{bound})。</translation>
    </message>
    <message>
        <source>Histogram: the one weight of W^t as this network draws it (seed {seed}), its square {var}.</source>
        <translation>直方图：本网络（种子 {seed}）抽取的 W^t 唯一的权重，其平方为 {var}。</translation>
    </message>
    <message>
        <source>One of them lies beyond ±4√γ_t (4 standard deviations), outside the plot.</source>
        <translation>其中 1 个落在 ±4√γ_t（4 个标准差）之外，未画在图中。</translation>
    </message>
    <message>
        <source>{n} of them lie beyond ±4√γ_t (4 standard deviations), outside the plot.</source>
        <translation>其中 {n} 个落在 ±4√γ_t（4 个标准差）之外，未画在图中。</translation>
    </message>
    <message>
        <source>An orthogonal matrix&apos;s entries are those of unit vectors along its longer side, n = {n}, scaled to variance γ_t: their density is (1 − x²/(nγ_t)) raised to (n − 3)/2, scaled, on |x| &lt; √(nγ_t): uniform at n = 3, nearly normal as n grows.</source>
        <translation>正交矩阵的元素是沿其较长一边（n = {n}）的单位向量的分量，缩放到方差 γ_t：其密度与 (1 − x²/(nγ_t)) 的 (n − 3)/2 次方成正比，在 |x| &lt; √(nγ_t) 上：n = 3 时为均匀分布，n 增大时近似正态。</translation>
    </message>
    <message>
        <source>±√(3γₜ) = ±{bound}</source>
        <translation>±√(3γₜ) = ±{bound}</translation>
    </message>
    <message>
        <source>Init zeros: every weight of layer {t} is 0 (γ_t = 0).</source>
        <translation>零初始化：第 {t} 层的每个权重都是 0（γ_t = 0）。</translation>
    </message>
    <message>
        <source>{rule} at gain {gain}</source>
        <translation>增益为 {gain} 的 {rule}</translation>
    </message>
    <message>
        <source>{rule} gives γ_t = {gamma} to layer {t}: N(0, γ_t) and U(±√(3γ_t)) have that one variance, so every variance formula of the lecture (Var[h^t] = n_{{t−1}}γ_t Var[h^{{t−1}}], and backward n_tγ_t) gives both the same profile; only the shape differs.</source>
        <translation>{rule} 给第 {t} 层的 γ_t = {gamma}：N(0, γ_t) 与 U(±√(3γ_t)) 的方差都等于 γ_t，因此本节的每个方差公式（Var[h^t] = n_{{t−1}}γ_t Var[h^{{t−1}}]，反向为 n_tγ_t）对两者给出相同的曲线；只是分布形状不同。</translation>
    </message>
    <message>
        <source>all {n} weights of W^t</source>
        <translation>W^t 的全部 {n} 个权重</translation>
    </message>
    <message>
        <source>the first {n} weights of W^t (its first rows)</source>
        <translation>W^t 的前 {n} 个权重（前几行）</translation>
    </message>
    <message>
        <source>Histogram: {drawn} as this network draws them (seed {seed}), mean square {var} (their variance about a mean of 0).</source>
        <translation>直方图：本网络（种子 {seed}）抽取的 {drawn}，均方 {var}（即相对于均值 0 的方差）。</translation>
    </message>
    <message>
        <source>No histogram: W^t has {n} weights, and a part of a {distribution} draw is not the network&apos;s own (it needs the whole matrix).</source>
        <translation>无直方图：W^t 有 {n} 个权重，而{distribution}抽样的一部分并不是本网络自己的权重（它需要整个矩阵）。</translation>
    </message>
    <message>
        <source>The truncated normal: N(0, s²) cut at ±2s = ±{cut}, s chosen so that its variance is γ_t.</source>
        <translation>截断正态：N(0, s²) 在 ±2s = ±{cut} 处截断，选取 s 使方差等于 γ_t。</translation>
    </message>
    <message>
        <source>An orthogonal 1 × 1 matrix has one entry, ±√γ_t: no density.</source>
        <translation>1 × 1 的正交矩阵只有一个元素，±√γ_t：没有密度。</translation>
    </message>
    <message>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>No Chinese font is installed, so Chinese text shows as boxes: install one, e.g. the package {package} on Debian/Ubuntu.</source>
        <translation>No Chinese font is installed, so Chinese text shows as boxes: install one, e.g. the package {package} on Debian/Ubuntu.（未安装中文字体，中文会显示为方框：请安装上述软件包。）</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <source>constant γ</source>
        <translation>常数方差 γ</translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <source>LeCun</source>
        <translation>LeCun</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>全零</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>vanishing</source>
        <translation>消失</translation>
    </message>
    <message>
        <source>exploding</source>
        <translation>爆炸</translation>
    </message>
    <message>
        <source>undefined</source>
        <translation>未定义</translation>
    </message>
    <message>
        <source>STABLE</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>VANISHING</source>
        <translation>消失</translation>
    </message>
    <message>
        <source>EXPLODING</source>
        <translation>爆炸</translation>
    </message>
    <message>
        <source>UNDEFINED</source>
        <translation>未定义</translation>
    </message>
    <message>
        <source>VANISHING SLOWLY</source>
        <translation>缓慢消失</translation>
    </message>
    <message>
        <source>EXPLODING SLOWLY</source>
        <translation>缓慢爆炸</translation>
    </message>
    <message>
        <source>FORWARD EXPLODING, BACKWARD VANISHING</source>
        <translation>前向爆炸，反向消失</translation>
    </message>
    <message>
        <source>FORWARD VANISHING, BACKWARD EXPLODING</source>
        <translation>前向消失，反向爆炸</translation>
    </message>
    <message>
        <source>overflow</source>
        <translation>上溢</translation>
    </message>
    <message>
        <source>underflow</source>
        <translation>下溢</translation>
    </message>
    <message>
        <source>exactly zero variance</source>
        <translation>方差恰为零</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>出现 NaN</translation>
    </message>
    <message>
        <source>one value</source>
        <translation>只有一个值</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>正态</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>truncated normal</source>
        <translation>截断正态</translation>
    </message>
    <message>
        <source>orthogonal</source>
        <translation>正交</translation>
    </message>
    <message>
        <source>γ = variance</source>
        <translation>γ = 方差</translation>
    </message>
    <message>
        <source>γ = 2 / ((1 + a²)·fan), a the leaky relu&apos;s slope (0 otherwise)</source>
        <translation>γ = 2 / ((1 + a²)·fan)，a 为 leaky relu 的斜率（否则为 0）</translation>
    </message>
    <message>
        <source>N(0, s²) cut at ±2s, s chosen so the variance is γ</source>
        <translation>N(0, s²) 在 ±2s 处截断，s 的取值使方差为 γ</translation>
    </message>
    <message>
        <source>√(γ·max(n_in, n_out)) · Q, Q (semi-)orthogonal</source>
        <translation>√(γ·max(n_in, n_out)) · Q，Q 为（半）正交矩阵</translation>
    </message>
    <message>
        <source>Monte Carlo running…</source>
        <translation>蒙特卡洛运行中…</translation>
    </message>
    <message>
        <source>No Monte Carlo yet:
the run waits for F5</source>
        <translation>尚无蒙特卡洛：
此运行待启动（按 F5）</translation>
    </message>
    <message>
        <source>No Monte Carlo:
cancelled (F5 runs it)</source>
        <translation>无蒙特卡洛：
已取消（按 F5 运行）</translation>
    </message>
    <message>
        <source>No Monte Carlo:
the run failed (F5 runs it again)</source>
        <translation>无蒙特卡洛：
运行失败（按 F5 重新运行）</translation>
    </message>
    <message>
        <source>black, hatched /: Var exactly 0, the same value for every input (e.g. relu units dead for the whole batch, or zero weights)</source>
        <translation>黑色斜线格（/）：Var 恰为 0，每个输入都给出同一个值（例如对整个批量都死亡的 ReLU 单元，或全零权重）</translation>
    </message>
    <message>
        <source>black: Var exactly 0, the same value for every input (e.g. relu units dead for the whole batch, or zero weights)</source>
        <translation>黑色：Var 恰为 0，每个输入都给出同一个值（例如对整个批量都死亡的 relu 单元，或全零权重）</translation>
    </message>
    <message>
        <source>{value} %</source>
        <translation>{value}%</translation>
    </message>
    <message>
        <source>γ = 0 (every weight 0)</source>
        <translation>γ = 0（所有权重均为 0）</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>仿射</translation>
    </message>
    <message>
        <source>the forward pass overflowed at layer {layer}</source>
        <translation>前向传播在第 {layer} 层上溢</translation>
    </message>
    <message>
        <source>the Jacobian vanished exactly at layer {layer}</source>
        <translation>雅可比矩阵在第 {layer} 层恰好变为零</translation>
    </message>
    <message>
        <source>the Jacobian underflowed at layer {layer}: σ&apos; is 0 in float64 for every unit (saturated)</source>
        <translation>雅可比矩阵在第 {layer} 层下溢：每个单元的 σ&apos; 在 float64 中都为 0（饱和）</translation>
    </message>
    <message>
        <source>the Jacobian is not a number at layer {layer}</source>
        <translation>雅可比矩阵在第 {layer} 层出现 NaN</translation>
    </message>
    <message>
        <source>{direction} at t = {layer}</source>
        <translation>{direction}：t = {layer} 层</translation>
    </message>
    <message>
        <source>{direction} from t = {layer}</source>
        <translation>{direction}自 t = {layer} 起</translation>
    </message>
    <message>
        <source>{kind} slowly</source>
        <translation>缓慢{kind}</translation>
    </message>
    <message>
        <source>{direction}: {kind}</source>
        <translation>{direction}：{kind}</translation>
    </message>
    <message>
        <source>{head} (the input is lost at layer {layer}: every unit holds one value for every input)</source>
        <translation>{head}（从第 {layer} 层起输入的信息丢失：每个单元对所有输入都取同一个值）</translation>
    </message>
    <message>
        <source>{trend}, then {reason} at layer {layer}</source>
        <translation>{trend}，随后在第 {layer} 层{reason}</translation>
    </message>
    <message>
        <source>one value at layer {layer}, width 1 × batch 1, has no variance</source>
        <translation>第 {layer} 层只有一个数值：宽度 1、批量 1，无法计算方差</translation>
    </message>
    <message>
        <source>{head} ({reason})</source>
        <translation>{head}（{reason}）</translation>
    </message>
    <message>
        <source>{trend}; {reason}</source>
        <translation>{trend}；{reason}</translation>
    </message>
    <message>
        <source>{head} ({reason} at layer {layer})</source>
        <translation>{head}（第 {layer} 层{reason}）</translation>
    </message>
    <message>
        <source>{head} (exactly zero variance)</source>
        <translation>{head}（方差恰为零）</translation>
    </message>
    <message>
        <source>{trend}, though {decades} decades from its start at t = {layer}</source>
        <translation>{trend}，但途中在 t = {layer} 处偏离起点 {decades} 个数量级</translation>
    </message>
    <message>
        <source>{trend}, while its squared norm n·Var changes only {norm} decades: the widths {start} → {end} make the rest</source>
        <translation>{trend}，而其平方范数 n·Var 只变了 {norm} 个数量级：其余来自宽度 {start} → {end}</translation>
    </message>
    <message>
        <source>{head}, {total} decades within its first layer, then level ({n} layers)</source>
        <translation>{head}，{total} 个数量级，全在第一层内，之后持平（共 {n} 层）</translation>
    </message>
    <message>
        <source>{head}, {total} decades within its first {k} layers, then level ({n} layers)</source>
        <translation>{head}，{total} 个数量级，几乎全在前 {k} 层内，之后持平（共 {n} 层）</translation>
    </message>
    <message>
        <source>{head}, {total} decades, made at {layers}, level elsewhere ({n} layers)</source>
        <translation>{head}，{total} 个数量级，几乎全部来自 {layers} 处的层，其余各层持平（全网共 {n} 层）</translation>
    </message>
    <message>
        <source>{head}, {total} decades over its one layer</source>
        <translation>{head}，在仅有的一层中变化 {total} 个数量级</translation>
    </message>
    <message>
        <source>{decades} at {layers}</source>
        <translation>{layers} 处 {decades}</translation>
    </message>
    <message>
        <source>in half precision the signal is ∞ from layer {layer} (√Var[h^t] passes 65 504, float16&apos;s largest number)</source>
        <translation>半精度下信号从第 {layer} 层起为 ∞（√Var[h^t] 超过 float16 的最大数 65 504）</translation>
    </message>
    <message>
        <source>in half precision the signal loses its digits from layer {layer}, then is 0 (√Var[h^t] falls below 6.1·10^{{−5}}, float16&apos;s smallest normal number)</source>
        <translation>半精度下信号从第 {layer} 层起丢失有效数字，随后变为 0（√Var[h^t] 低于 float16 的最小正规数 6.1·10^{{−5}}）</translation>
    </message>
    <message>
        <source>in half precision the signal&apos;s units are all the same number from layer {layer} (√Var[h^t] falls below half the step, {step}, between float16&apos;s numbers near the units&apos; mean, {mean})</source>
        <translation>半精度下信号的各单元从第 {layer} 层起都是同一个数（√Var[h^t] 小于 float16 在其均值 {mean} 附近相邻两数之差 {step} 的一半）</translation>
    </message>
    <message>
        <source>in half precision the gradient is ∞ from layer {layer} down (√Var[∂ℓ/∂h^t] passes 65 504, float16&apos;s largest number)</source>
        <translation>半精度下梯度从第 {layer} 层往下（向输入）为 ∞（√Var[∂ℓ/∂h^t] 超过 float16 的最大数 65 504）</translation>
    </message>
    <message>
        <source>in half precision the gradient loses its digits from layer {layer} down, then is 0 (√Var[∂ℓ/∂h^t] falls below 6.1·10^{{−5}}, float16&apos;s smallest normal number)</source>
        <translation>半精度下梯度从第 {layer} 层往下（向输入）丢失有效数字，随后变为 0（√Var[∂ℓ/∂h^t] 低于 float16 的最小正规数 6.1·10^{{−5}}）</translation>
    </message>
    <message>
        <source>{first}; {second}</source>
        <translation>{first}；{second}</translation>
    </message>
    <message>
        <source>{head}, {total} decades in all ({parts}), level elsewhere ({n} layers)</source>
        <translation>{head}，共 {total} 个数量级（{parts}），其余各层持平（全网共 {n} 层）</translation>
    </message>
    <message>
        <source>{head}, {rate} decades/layer ({total} over {n} layers)</source>
        <translation>{head}，{rate} 个数量级/层（{n} 层累计 {total}）</translation>
    </message>
    <message>
        <source>Monte Carlo</source>
        <translation>蒙特卡洛</translation>
    </message>
    <message>
        <source>theory</source>
        <translation>理论</translation>
    </message>
    <message>
        <source>{verdict} — {forward}; {backward} ({source})</source>
        <translation>{verdict} — {forward}；{backward}（{source}）</translation>
    </message>
    <message>
        <source>Undefined with batch 1:
a variance over the batch
needs at least 2 inputs</source>
        <translation>批量为 1 时无定义：
对批量求方差
至少需要 2 个输入</translation>
    </message>
    <message>
        <source>{direction} undefined (the forward pass overflowed)</source>
        <translation>{direction}未定义（前向传播上溢）</translation>
    </message>
    <message>
        <source>{direction} one value at t = {layer}</source>
        <translation>{direction}：t = {layer} 层只有一个值</translation>
    </message>
    <message>
        <source>one value at t = {layer}</source>
        <translation>t = {layer} 层只有一个值</translation>
    </message>
    <message>
        <source>{direction} {reason} at t = {layers}</source>
        <translation>{direction}：t = {layers} 层{reason}</translation>
    </message>
    <message>
        <source>{reason} at t = {layers}</source>
        <translation>t = {layers} 层{reason}</translation>
    </message>
    <message>
        <source>{direction} {reason} from t = {layer}</source>
        <translation>{direction}自 t = {layer} 起{reason}</translation>
    </message>
    <message>
        <source>{reason} from t = {layer}</source>
        <translation>自 t = {layer} 起{reason}</translation>
    </message>
    <message>
        <source>{value} at every layer</source>
        <translation>{value}（各层相同）</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} 和 {last}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{value} at t = {layers}</source>
        <translation>{value}（t = {layers}）</translation>
    </message>
    <message>
        <source>{value} at {n} of {total} layers</source>
        <translation>{value}（{total} 层中 {n} 层如此）</translation>
    </message>
    <message>
        <source>{value} at {n} layers</source>
        <translation>{value}（{n} 层）</translation>
    </message>
    <message>
        <source>{first} (t = {t_first}) … {final} (t = {t_last})</source>
        <translation>{first}（t = {t_first}）… {final}（t = {t_last}）</translation>
    </message>
    <message>
        <source>{ends}, from {low} to {high} in between</source>
        <translation>{ends}，中间各层在 {low} 到 {high} 之间</translation>
    </message>
    <message>
        <source>{forward};  {backward};  {chi1}</source>
        <translation>{forward}；{backward}；{chi1}</translation>
    </message>
    <message>
        <source>  (γ_t includes gain² = {square}: the gain multiplies every weight)</source>
        <translation>（γ_t 已包含增益² = {square}：增益乘到每个权重上）</translation>
    </message>
    <message>
        <source>the heatmaps and the distribution show the first of {trials} draws</source>
        <translation>热图和分布显示 {trials} 次抽样中的第一次</translation>
    </message>
    <message>
        <source>dark grey, hatched \: a spread around the unit&apos;s mean too small for float32 to measure</source>
        <translation>深灰色斜线格（\）：单元均值附近的离散度太小，float32 无法测出</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>constant γ = {variance}</source>
        <translation>常数方差 γ = {variance}</translation>
    </message>
    <message>
        <source>{rule} {distribution}</source>
        <translation>{rule} {distribution}</translation>
    </message>
    <message>
        <source>{trials} draws</source>
        <translation>{trials} 次抽样</translation>
    </message>
    <message>
        <source>batch {batch}</source>
        <translation>批量 {batch}</translation>
    </message>
    <message>
        <source>depth {depth} + a linear output layer</source>
        <translation>深度 {depth} + 线性输出层</translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation>种子 {seed}</translation>
    </message>
    <message>
        <source>{activation} (α = {alpha}, β = {beta})</source>
        <translation>{activation}（α = {alpha}，β = {beta}）</translation>
    </message>
    <message>
        <source>{activation} (slope {slope})</source>
        <translation>{activation}（斜率 {slope}）</translation>
    </message>
    <message>
        <source>{rule} ({mode})</source>
        <translation>{rule}（{mode}）</translation>
    </message>
    <message>
        <source>{rule}, {distribution}</source>
        <translation>{rule}，{distribution}</translation>
    </message>
    <message>
        <source>gain {gain}</source>
        <translation>增益 {gain}</translation>
    </message>
    <message>
        <source>bias std {bias_std}</source>
        <translation>偏置标准差 {bias_std}</translation>
    </message>
    <message>
        <source>depth {depth}</source>
        <translation>深度 {depth}</translation>
    </message>
    <message>
        <source>width {width}</source>
        <translation>宽度 {width}</translation>
    </message>
    <message>
        <source>widths {widths}</source>
        <translation>各层宽度 {widths}</translation>
    </message>
    <message>
        <source>{positive} for x ≥ 0, {negative} for x &lt; 0</source>
        <translation>{positive}（x ≥ 0），{negative}（x &lt; 0）</translation>
    </message>
    <message>
        <source>{formula} ≈ {taylor} near 0</source>
        <translation>{formula} ≈ {taylor}（0 附近）</translation>
    </message>
    <message>
        <source>W^t = 0: h^t = σ(b^t), the same for every input (what variance is left is the biases&apos; spread across units), and ∂ℓ/∂h^{t−1} = (W^t)ᵀ(σ&apos;(h&apos;^t) ⊙ ∂ℓ/∂h^t) = 0</source>
        <translation>W^t = 0：h^t = σ(b^t)，对每个输入都相同（剩下的方差只是偏置在各单元之间的离散程度），而 ∂ℓ/∂h^{t−1} = (W^t)ᵀ(σ&apos;(h&apos;^t) ⊙ ∂ℓ/∂h^t) = 0</translation>
    </message>
    <message>
        <source>W^t = 0 and no bias: h^t = σ(0) for every unit and input, and ∂ℓ/∂h^{t−1} = (W^t)ᵀ(σ&apos;(h&apos;^t) ⊙ ∂ℓ/∂h^t) = 0</source>
        <translation>W^t = 0 且无偏置：每个单元对每个输入都取 h^t = σ(0)，而 ∂ℓ/∂h^{t−1} = (W^t)ᵀ(σ&apos;(h&apos;^t) ⊙ ∂ℓ/∂h^t) = 0</translation>
    </message>
    <message>
        <source>Xavier: γ_t = 2/(n_{t−1} + n_t), the compromise between n_{t−1}γ_t = 1 (forward) and n_tγ_t = 1 (backward); with σ(x) = x, Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]</source>
        <translation>Xavier：γ_t = 2/(n_{t−1} + n_t)，是 n_{t−1}γ_t = 1（前向）与 n_tγ_t = 1（反向）之间的折中；当 σ(x) = x 时，Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]</translation>
    </message>
    <message>
        <source>Var[h^t] = n_{t−1}γ_t Var[h^{t−1}] and Var[∂ℓ/∂h^{t−1}] = n_tγ_t Var[∂ℓ/∂h^t]: stable only if n_{t−1}γ_t = 1 and n_tγ_t = 1</source>
        <translation>Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]，Var[∂ℓ/∂h^{t−1}] = n_tγ_t Var[∂ℓ/∂h^t]：仅当 n_{t−1}γ_t = 1 且 n_tγ_t = 1 时稳定</translation>
    </message>
    <message>
        <source>σ(x) = x + β: E[h^t] = β and Var[h^t] = n_{{t−1}}γ_t (Var[h^{{t−1}}] + β²); where n_{{t−1}}γ_t = 1 it grows by β² = {square} a layer, Var[h^t] = 1 + (t − 1)β²: linearly, not by a factor — the variance is kept only with β = 0</source>
        <translation>σ(x) = x + β：E[h^t] = β，Var[h^t] = n_{{t−1}}γ_t (Var[h^{{t−1}}] + β²)；当 n_{{t−1}}γ_t = 1 时，它每层增加 β² = {square}，Var[h^t] = 1 + (t − 1)β²：线性增长，而不是按倍数增长——只有 β = 0 时方差才保持不变</translation>
    </message>
    <message>
        <source>σ(x) = αx + β: E[h^t] = β and Var[h^t] = α² n_{{t−1}}γ_t E[(h^{{t−1}})²] — the variance is kept only with β = 0 and α = 1 (here α = {alpha}, β = {beta})</source>
        <translation>σ(x) = αx + β：E[h^t] = β，Var[h^t] = α² n_{{t−1}}γ_t E[(h^{{t−1}})²] — 仅当 β = 0 且 α = 1 时方差保持不变（此处 α = {alpha}，β = {beta}）</translation>
    </message>
    <message>
        <source>{taylor}: σ(0) = 0 and σ&apos;(0) = 1 is Xavier&apos;s first-order condition, but the cubic term still shrinks the variance slowly (Var[h^t] ≈ 1/(2t) at gain 1 without bias; with a bias or a gain above 1, q_t settles at q* &gt; 0 and Var[h^t] at E[tanh²(√q* z)]), and a large gain drives the units into the flat tails</source>
        <translation>{taylor}：σ(0) = 0 且 σ&apos;(0) = 1 是 Xavier 的一阶条件，但三次项仍会使方差缓慢缩小（增益为 1 且无偏置时 Var[h^t] ≈ 1/(2t)；有偏置或增益大于 1 时，q_t 趋于不动点 q* &gt; 0，Var[h^t] 趋于 E[tanh²(√q* z)]），而较大的增益会把单元推入饱和区</translation>
    </message>
    <message>
        <source>the lecture&apos;s fix: {taylor}, so σ(0) = 0 and σ&apos;(0) = 1 like tanh</source>
        <translation>本节的修正：{taylor}，因此与 tanh 一样 σ(0) = 0、σ&apos;(0) = 1</translation>
    </message>
    <message>
        <source>relu: E[relu(h&apos;)²] = Var[h&apos;]/2, so He&apos;s γ_t = 2/n_{t−1} (fan_in) keeps the signal&apos;s variance and 2/n_t (fan_out) the gradient&apos;s (He et al. 2015); Xavier halves it at every layer</source>
        <translation>relu：E[relu(h&apos;)²] = Var[h&apos;]/2，因此 He 的 γ_t = 2/n_{t−1}（fan_in）能保持信号的方差，2/n_t（fan_out）能保持梯度的方差（He 等，2015）；Xavier 则使方差每层减半</translation>
    </message>
    <message>
        <source>leaky relu: E[σ(h&apos;)²] = (1 + a²)/2 · Var[h&apos;] with a = {a}, so the stable γ_t is 2/((1 + a²) n_{{t−1}})</source>
        <translation>leaky relu：E[σ(h&apos;)²] = (1 + a²)/2 · Var[h&apos;]，其中 a = {a}，因此稳定的 γ_t 为 2/((1 + a²) n_{{t−1}})</translation>
    </message>
    <message>
        <source>{taylor}; mean field: q_t = n_{{t−1}}γ_t E[(h^{{t−1}})²] + σ_b², χ_t = n_tγ_t E[σ&apos;(√q_t z)²] (Poole et al. 2016)</source>
        <translation>{taylor}；平均场：q_t = n_{{t−1}}γ_t E[(h^{{t−1}})²] + σ_b²，χ_t = n_tγ_t E[σ&apos;(√q_t z)²]（Poole 等，2016）</translation>
    </message>
    <message>
        <source>σ(x) = αx + β
σ&apos;(x) = α
keeps the variance only with β = 0, α = 1</source>
        <translation>σ(x) = αx + β
σ&apos;(x) = α
仅当 β = 0、α = 1 时保持方差</translation>
    </message>
    <message>
        <source>σ(x) = {formula}
σ&apos;(x) = {derivative}
Taylor at 0: {taylor}</source>
        <translation>σ(x) = {formula}
σ&apos;(x) = {derivative}
在 0 处的泰勒展开：{taylor}</translation>
    </message>
    <message>
        <source>PyTorch: normal_(w, std=√γ), uniform_(w, −√(3γ), √(3γ)); Keras: RandomNormal(stddev=√γ), RandomUniform(−√(3γ), √(3γ))</source>
        <translation>PyTorch：normal_(w, std=√γ)、uniform_(w, −√(3γ), √(3γ))；Keras：RandomNormal(stddev=√γ)、RandomUniform(−√(3γ), √(3γ))</translation>
    </message>
    <message>
        <source>PyTorch: xavier_normal_(w, gain=g), xavier_uniform_(w, gain=g); Keras: VarianceScaling(g², &apos;fan_avg&apos;, …) (GlorotNormal is truncated, not this normal)</source>
        <translation>PyTorch：xavier_normal_(w, gain=g)、xavier_uniform_(w, gain=g)；Keras：VarianceScaling(g², &apos;fan_avg&apos;, …)（GlorotNormal 是截断正态，不是这里的正态）</translation>
    </message>
    <message>
        <source>PyTorch: kaiming_normal_(w, a=a, mode=…) then × g (it holds He&apos;s 2 already: a gain of calculate_gain(&apos;relu&apos;) doubles γ); Keras: VarianceScaling(2g²/(1 + a²), mode, …) (HeNormal is truncated)</source>
        <translation>PyTorch：kaiming_normal_(w, a=a, mode=…) 再 × g（它已包含 He 的因子 2：若增益取 calculate_gain(&apos;relu&apos;)，γ 会再翻倍）；Keras：VarianceScaling(2g²/(1 + a²), mode, …)（HeNormal 是截断的）</translation>
    </message>
    <message>
        <source>PyTorch: kaiming_normal_(w, mode=…, nonlinearity=&apos;linear&apos;) then × g (calculate_gain(&apos;selu&apos;) = 3/4 is not self-normalizing, LeCun is); Keras: VarianceScaling(g², mode, …) (LecunNormal is truncated)</source>
        <translation>PyTorch：kaiming_normal_(w, mode=…, nonlinearity=&apos;linear&apos;) 再 × g（calculate_gain(&apos;selu&apos;) = 3/4 不能自归一化，LeCun 才能）；Keras：VarianceScaling(g², mode, …)（LecunNormal 是截断的）</translation>
    </message>
    <message>
        <source>PyTorch: zeros_(w); Keras: &apos;zeros&apos;</source>
        <translation>PyTorch：zeros_(w)；Keras：&apos;zeros&apos;</translation>
    </message>
    <message>
        <source>PyTorch: normal_, xavier_normal_, kaiming_normal_; Keras: VarianceScaling(…, distribution=&apos;untruncated_normal&apos;), not GlorotNormal, HeNormal or LecunNormal (truncated)</source>
        <translation>PyTorch：normal_、xavier_normal_、kaiming_normal_；Keras：VarianceScaling(…, distribution=&apos;untruncated_normal&apos;)，而不是 GlorotNormal、HeNormal 或 LecunNormal（它们是截断的）</translation>
    </message>
    <message>
        <source>PyTorch: uniform_, xavier_uniform_, kaiming_uniform_; Keras: RandomUniform, GlorotUniform, HeUniform, LecunUniform, VarianceScaling(…, &apos;uniform&apos;)</source>
        <translation>PyTorch：uniform_、xavier_uniform_、kaiming_uniform_；Keras：RandomUniform、GlorotUniform、HeUniform、LecunUniform、VarianceScaling(…, &apos;uniform&apos;)</translation>
    </message>
    <message>
        <source>PyTorch: trunc_normal_(w, std=s, a=−2s, b=2s), s = √γ / 0.8796 (it cuts at absolute a, b and does not rescale); Keras: VarianceScaling(…, &apos;truncated_normal&apos;), GlorotNormal, HeNormal (rescaled as here; TruncatedNormal(stddev=√γ) is not: 0.774·γ)</source>
        <translation>PyTorch：trunc_normal_(w, std=s, a=−2s, b=2s)，s = √γ / 0.8796（它在绝对取值 a、b 处截断，且不重新缩放）；Keras：VarianceScaling(…, &apos;truncated_normal&apos;)、GlorotNormal、HeNormal（与此处一样重新缩放；TruncatedNormal(stddev=√γ) 则不会：方差为 0.774·γ）</translation>
    </message>
    <message>
        <source>PyTorch: orthogonal_(w, gain=√(γ·max(n_in, n_out))); Keras: Orthogonal(gain=√(γ·max(n_in, n_out))): both scale by the gain alone</source>
        <translation>PyTorch：orthogonal_(w, gain=√(γ·max(n_in, n_out)))；Keras：Orthogonal(gain=√(γ·max(n_in, n_out)))：两者都只按增益缩放</translation>
    </message>
    <message>
        <source>{rule}: {formula}, then × gain²</source>
        <translation>{rule}：{formula}，再 × 增益²</translation>
    </message>
    <message>
        <source>{distribution}: {formula}</source>
        <translation>{distribution}：{formula}</translation>
    </message>
    <message>
        <source>L, the number of weight layers: h^t = σ(W^t h^{t−1} + b^t) for t = 1 … L</source>
        <translation>L，权重层的层数：h^t = σ(W^t h^{t−1} + b^t)，t = 1 … L</translation>
    </message>
    <message>
        <source>n_t of every layer, the input included: n_0 = n_1 = … = n_L</source>
        <translation>每层的 n_t（含输入层）：n_0 = n_1 = … = n_L</translation>
    </message>
    <message>
        <source>n_0, n_1, …, n_L explicitly, e.g. 784, 256x3, 10 (256x3 repeats 256 three times); wins over depth and width</source>
        <translation>逐一给出 n_0, n_1, …, n_L，例如 784, 256x3, 10（256x3 表示 256 重复三次）；优先于深度和宽度</translation>
    </message>
    <message>
        <source>σ(x) = αx + β: the slope α (the lecture needs α = 1)</source>
        <translation>σ(x) = αx + β：斜率 α（本节要求 α = 1）</translation>
    </message>
    <message>
        <source>σ(x) = αx + β: the offset β (the lecture needs β = 0)</source>
        <translation>σ(x) = αx + β：偏移 β（本节要求 β = 0）</translation>
    </message>
    <message>
        <source>leaky relu: σ(x) = x (x &gt; 0), a·x (x ≤ 0), the slope a</source>
        <translation>leaky relu：x &gt; 0 时 σ(x) = x，否则 σ(x) = a·x；a 为斜率</translation>
    </message>
    <message>
        <source>constant γ: every weight has Var[W^t_{ij}] = γ (then × gain²); the forward factor is n_{t−1}γ, the backward factor n_tγ</source>
        <translation>常数方差 γ：每个权重的 Var[W^t_{ij}] = γ（再 × 增益²）；前向因子为 n_{t−1}γ，反向因子为 n_tγ</translation>
    </message>
    <message>
        <source>the fan of He (γ = 2/fan) and LeCun (γ = 1/fan): fan_in = n_{t−1}, fan_out = n_t, fan_avg = (n_{t−1} + n_t)/2</source>
        <translation>He（γ = 2/fan）与 LeCun（γ = 1/fan）所用的 fan：fan_in = n_{t−1}，fan_out = n_t，fan_avg = (n_{t−1} + n_t)/2</translation>
    </message>
    <message>
        <source>multiplies the weights&apos; standard deviation: γ_t → gain²·γ_t</source>
        <translation>按此倍数放大权重的标准差：γ_t → 增益²·γ_t</translation>
    </message>
    <message>
        <source>b^t ~ N(0, σ_b²): q_t = n_{t−1}γ_t E[(h^{t−1})²] + σ_b² (pre-activation variance)</source>
        <translation>b^t ~ N(0, σ_b²)：q_t = n_{t−1}γ_t E[(h^{t−1})²] + σ_b²（预激活的方差）</translation>
    </message>
    <message>
        <source>B inputs x ~ N(0, I) and read-out gradients g ~ N(0, I); variances are over the batch (per unit) or over batch × units (pooled)</source>
        <translation>B 个输入 x ~ N(0, I) 与读出梯度 g ~ N(0, I)；方差对批量求（逐单元），或对批量 × 单元求（合并）</translation>
    </message>
    <message>
        <source>seeds every random draw (input, weights, biases, read-out): same seed, same run</source>
        <translation>为所有随机抽样（输入、权重、偏置、读出）设定种子：种子相同，运行结果相同</translation>
    </message>
    <message>
        <source>K independent draws of the network&apos;s weights and biases (the input batch and read-out stay the same): the profile shows their median with the 10–90 % band (darker) and the min–max band (lighter); narrow nets fluctuate more (Hanin &amp; Rolnick 2018). A draw with exactly zero variance counts below every other (one past an overflow above): the median ends once half the draws or more have died, a band where its edge has. The heatmaps and the distribution show the first draw</source>
        <translation>对网络的权重和偏置做 K 次独立抽样（输入批量与读出保持不变）：曲线显示其中位数及 10–90% 区间带（较深）和最小–最大区间带（较浅）；窄网络的波动更大（Hanin &amp; Rolnick 2018）。方差恰为零的抽样排在其他所有抽样之下（溢出之后的抽样排在之上）：半数或更多抽样死亡后中位数即终止，区间带在其边沿死亡处终止。热图和分布显示第一次抽样</translation>
    </message>
    <message>
        <source>{trials} trials</source>
        <translation>{trials} 次试验</translation>
    </message>
    <message>
        <source>{decades} decades = {plain}</source>
        <translation>{decades} 个数量级 = {plain}</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} GB</source>
        <translation>{n} GB</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>critical: the edge of chaos</source>
        <translation>临界：混沌边缘</translation>
    </message>
    <message>
        <source>critical: between order and explosion</source>
        <translation>临界：有序与爆炸之间</translation>
    </message>
    <message>
        <source>ordered: gradients vanish</source>
        <translation>有序：梯度消失</translation>
    </message>
    <message>
        <source>exploding: q grows without bound, gradients explode</source>
        <translation>爆炸：q 无界增长，梯度爆炸</translation>
    </message>
    <message>
        <source>chaotic: gradients explode</source>
        <translation>混沌：梯度爆炸</translation>
    </message>
    <message>
        <source>no depth scale ξ_c: without a bias (or as q → ∞) the correlation map is the same at every q, and two inputs&apos; correlation is not forgotten exponentially</source>
        <translation>没有深度尺度 ξ_c：无偏置时（或 q → ∞ 时）相关性映射在每个 q 处都相同，两个输入的相关性不会按指数方式被遗忘</translation>
    </message>
    <message>
        <source>ξ_c = ∞ (on the critical line)</source>
        <translation>ξ_c = ∞（位于临界线上）</translation>
    </message>
    <message>
        <source>ξ_c = {xi_c} layers</source>
        <translation>ξ_c = {xi_c} 层</translation>
    </message>
    <message>
        <source>σ_w² = {weight_variance}, σ_b² = {bias_variance}:  χ₁ ({where}) = {chi} ({phase});  {depth}</source>
        <translation>σ_w² = {weight_variance}，σ_b² = {bias_variance}：χ₁（{where}）= {chi}（{phase}）；{depth}</translation>
    </message>
    <message>
        <source>σ_w² = {weight_variance}, σ_b² = {bias_variance}:  χ₁ = {chi} ({phase});  {depth}</source>
        <translation>σ_w² = {weight_variance}，σ_b² = {bias_variance}：χ₁ = {chi}（{phase}）；{depth}</translation>
    </message>
    <message>
        <source>★ this network&apos;s layers: {point}</source>
        <translation>★ 本网络的各层：{point}</translation>
    </message>
    <message>
        <source>. The layers&apos; σ_w² = n_{{t−1}}γ_t differ, from {low} to {high}</source>
        <translation>。各层的 σ_w² = n_{{t−1}}γ_t 不同，从 {low} 到 {high}</translation>
    </message>
    <message>
        <source>. The hidden layers&apos; σ_w² = n_{{t−1}}γ_t differ, from {low} to {high}</source>
        <translation>。各隐藏层的 σ_w² = n_{{t−1}}γ_t 不同，从 {low} 到 {high}</translation>
    </message>
    <message>
        <source>: the ★ is at their median, and its phase is not the network&apos;s; the verdict of the network&apos;s variance profile and the critical gain of its gain sweep count every layer</source>
        <translation>：★ 位于其中位数，它所在的相并不代表整个网络；网络方差曲线的结论和网络增益扫描的临界增益计入了每一层</translation>
    </message>
    <message>
        <source>. The widths differ</source>
        <translation>。各层宽度不同</translation>
    </message>
    <message>
        <source>. The hidden widths differ</source>
        <translation>。隐藏层宽度不同</translation>
    </message>
    <message>
        <source>: the diagram is of equal widths, where χ₁ = n_{{t−1}}γ_t E[σ&apos;²] is also the gradient&apos;s factor per layer; here that factor is n_tγ_t E[σ&apos;²] (the readout&apos;s χ₁)</source>
        <translation>：本图针对等宽网络，此时 χ₁ = n_{{t−1}}γ_t E[σ&apos;²] 也是梯度每层的因子；此处该因子为 n_tγ_t E[σ&apos;²]（读数中的 χ₁）</translation>
    </message>
    <message>
        <source>{sentences}.</source>
        <translation>{sentences}。</translation>
    </message>
    <message>
        <source>No critical gain: at no gain does the gradient&apos;s squared norm reach the input unchanged</source>
        <translation>没有临界增益：任何增益下梯度的平方范数都无法不变地传到输入</translation>
    </message>
    <message>
        <source>{taylor}: σ(0) = 1/2 ≠ 0 and σ&apos;(0) = 1/4 ≠ 1, so the conditions every variance-keeping rule assumes (σ(0) = 0, σ&apos;(0) = 1) fail, whatever the rule (Glorot &amp; Bengio 2010)</source>
        <translation>{taylor}：σ(0) = 1/2 ≠ 0 且 σ&apos;(0) = 1/4 ≠ 1，因此所有保持方差的初始化规则所假设的条件（σ(0) = 0，σ&apos;(0) = 1）都不成立，无论采用哪种规则（Glorot &amp; Bengio 2010）</translation>
    </message>
    <message>
        <source>ξ_c undefined (no fixed point q* &gt; 0)</source>
        <translation>ξ_c 未定义（无不动点 q* &gt; 0）</translation>
    </message>
    <message>
        <source>{k} singular value</source>
        <translation>{k} 个奇异值</translation>
    </message>
    <message>
        <source>{k} singular values</source>
        <translation>{k} 个奇异值</translation>
    </message>
    <message>
        <source>no spectrum: {reason}</source>
        <translation>无法计算谱：{reason}</translation>
    </message>
    <message>
        <source>J = ∂h^L/∂h^0 at one input ({setting})</source>
        <translation>单个输入处的 J = ∂h^L/∂h^0（{setting}）</translation>
    </message>
    <message>
        <source>Critical gain: the gain at which, in the mean-field theory of this network with every layer counted, the gradient&apos;s squared norm reaches the input as large as it left the output: the input–output Jacobian J has E‖J‖²_F = n_L, i.e. the product over the layers t = 1 … L of n_{{t−1}}γ_t·E[σ&apos;²] is 1. With equal widths and great depth it is the edge of chaos, χ₁ = 1 at the fixed point q*; in a finite network the input&apos;s transient and unequal widths move it.</source>
        <translation>临界增益：在本网络的平均场理论中（计入每一层），使梯度的平方范数从输出传到输入时大小不变的增益：输入–输出雅可比矩阵 J 满足 E‖J‖²_F = n_L，即各层 t = 1 … L 的 n_{{t−1}}γ_t·E[σ&apos;²] 之积为 1。宽度相同且网络很深时，它就是混沌边缘，即不动点 q* 处 χ₁ = 1；在有限深度的网络中，输入的过渡过程和不相等的宽度会使它偏移。</translation>
    </message>
    <message>
        <source>No critical gain up to {gain}, the largest gain the app takes: up to there the gradient&apos;s squared norm shrinks across the network</source>
        <translation>直到本程序允许的最大增益 {gain} 都没有临界增益：在此范围内，梯度的平方范数穿过网络后都在缩小</translation>
    </message>
    <message>
        <source>No critical gain down to {gain}, the smallest gain the app takes: down to there the gradient&apos;s squared norm grows across the network</source>
        <translation>直到本程序允许的最小增益 {gain} 都没有临界增益：在此范围内，梯度的平方范数穿过网络后都在增大</translation>
    </message>
    <message>
        <source>Critical gain {gain} (dashed): there the gradient&apos;s squared norm reaches the input unchanged (E‖J‖²_F = n_L for the input–output Jacobian J)</source>
        <translation>临界增益 {gain}（虚线）：此时梯度的平方范数从输出传到输入时保持不变（输入–输出雅可比矩阵 J 满足 E‖J‖²_F = n_L）</translation>
    </message>
    <message>
        <source>Critical gain {gain} — outside the swept range: there the gradient&apos;s squared norm reaches the input unchanged (E‖J‖²_F = n_L for the input–output Jacobian J)</source>
        <translation>临界增益 {gain}——在扫描范围之外：此时梯度的平方范数从输出传到输入时保持不变（输入–输出雅可比矩阵 J 满足 E‖J‖²_F = n_L）</translation>
    </message>
    <message>
        <source>{values} s of J = ∂h^L/∂h^0 at one input ({setting})</source>
        <translation>单个输入处 J = ∂h^L/∂h^0 的 {values} s（{setting}）</translation>
    </message>
    <message>
        <source>mean s² = {mean} (this network);  theory {theory} = {theory_mean}  ({gap} decades apart: finite width — one network strays from the expectation over weights, typically below it, the more so the narrower and deeper)</source>
        <translation>s² 的均值 = {mean}（本网络）；理论值 {theory} = {theory_mean}（相差 {gap} 个数量级：有限宽度——单个网络会偏离对权重的期望，通常低于它，网络越窄越深偏离越大）</translation>
    </message>
    <message>
        <source>mean s² = {mean} (this network);  theory {theory} = {theory_mean}  ({gap} decades apart)</source>
        <translation>s² 的均值 = {mean}（本网络）；理论值 {theory} = {theory_mean}（相差 {gap} 个数量级）</translation>
    </message>
    <message>
        <source>Var[s²]/E[s²]² = {value}  (one singular value: nothing to spread)</source>
        <translation>Var[s²]/E[s²]² = {value}（只有一个奇异值：谈不上离散）</translation>
    </message>
    <message>
        <source>Var[s²]/E[s²]² = {value} (this network);  theory {theory} (free probability, infinite width: beyond the {most} that {k} values can spread at most — this network is narrow for its depth)</source>
        <translation>Var[s²]/E[s²]² = {value}（本网络）；理论值 {theory}（自由概率，无限宽度：超过了 {k} 个值最多能达到的 {most}——相对其深度，这个网络太窄）</translation>
    </message>
    <message>
        <source>Var[s²]/E[s²]² = {value} (this network);  theory {theory} (free probability, infinite width; 0 for dynamical isometry, where every s is the same)</source>
        <translation>Var[s²]/E[s²]² = {value}（本网络）；理论值 {theory}（自由概率，无限宽度；动力学等距时为 0，此时所有 s 都相同）</translation>
    </message>
    <message>
        <source>Near the critical line (χ₁ = {chi1} as q → 0), yet the theory&apos;s mean s² is only {theory}: there is no q* &gt; 0, and q_t falls from the input&apos;s variance towards 0 only slowly, each layer&apos;s χ_t below 1 on the way, so J shrinks.</source>
        <translation>接近临界线（q → 0 时 χ₁ = {chi1}），但理论上 s² 的均值只有 {theory}：这里没有 q* &gt; 0，q_t 从输入的方差出发，只是缓慢地趋于 0；途中各层的 χ_t 都小于 1，因此 J 收缩。</translation>
    </message>
    <message>
        <source>Near the critical line (χ₁ = {chi1} as q → 0), yet the theory&apos;s mean s² is {theory}: there is no q* &gt; 0, and q_t falls from the input&apos;s variance towards 0 only slowly, each layer&apos;s χ_t above 1 on the way, so J stretches.</source>
        <translation>接近临界线（q → 0 时 χ₁ = {chi1}），但理论上 s² 的均值达到 {theory}：这里没有 q* &gt; 0，q_t 从输入的方差出发，只是缓慢地趋于 0；途中各层的 χ_t 都大于 1，因此 J 拉伸。</translation>
    </message>
    <message>
        <source>Near the critical line (χ₁ = {chi1} at q*), yet the theory&apos;s mean s² is only {theory}: q_t starts at the input&apos;s variance, not at q*, and in the layers it takes to near q* each χ_t is below 1, so J shrinks. Dynamical isometry needs q_t at q* from the first layer.</source>
        <translation>接近临界线（在 q* 处 χ₁ = {chi1}），但理论上 s² 的均值只有 {theory}：q_t 从输入的方差出发，而不是从 q* 出发；在 q_t 趋近 q* 的这些层里，每层的 χ_t 都小于 1，因此 J 收缩。动力学等距要求 q_t 从第一层起就处于 q*。</translation>
    </message>
    <message>
        <source>Near the critical line (χ₁ = {chi1} at q*), yet the theory&apos;s mean s² is {theory}: q_t starts at the input&apos;s variance, not at q*, and in the layers it takes to near q* each χ_t is above 1, so J stretches. Dynamical isometry needs q_t at q* from the first layer.</source>
        <translation>接近临界线（在 q* 处 χ₁ = {chi1}），但理论上 s² 的均值达到 {theory}：q_t 从输入的方差出发，而不是从 q* 出发；在 q_t 趋近 q* 的这些层里，每层的 χ_t 都大于 1，因此 J 拉伸。动力学等距要求 q_t 从第一层起就处于 q*。</translation>
    </message>
    <message>
        <source>Curve: the law of s at infinite width (free probability: J is one random matrix of i.i.d. entries, whose s² follow the Marchenko–Pastur law × the theory&apos;s mean s², whatever the entries&apos; distribution); the law&apos;s largest s is {edge}, this network&apos;s {largest}</source>
        <translation>曲线：无限宽度下 s 的分布（自由概率：J 是一个元素独立同分布的随机矩阵，其 s² 服从 Marchenko–Pastur 分布 × 理论的 s² 均值，与元素的分布无关）；该分布的最大 s 为 {edge}，本网络为 {largest}</translation>
    </message>
    <message>
        <source>Curve: the law of s at infinite width (free probability: J is a product of {depth} random matrices of i.i.d. entries, whose s² follow the Fuss–Catalan law × the theory&apos;s mean s², whatever the entries&apos; distribution); the law&apos;s largest s is {edge}, this network&apos;s {largest}</source>
        <translation>曲线：无限宽度下 s 的分布（自由概率：J 是 {depth} 个元素独立同分布的随机矩阵之积，其 s² 服从 Fuss–Catalan 分布 × 理论的 s² 均值，与元素的分布无关）；该分布的最大 s 为 {edge}，本网络为 {largest}</translation>
    </message>
    <message>
        <source>Curve: the law of s at infinite width (free probability: J is one random matrix of i.i.d. entries masked by relu&apos;s σ&apos; ∈ {{0, 1}}: at infinite width half of the s are 0, here as many as the units off, and the curve is the law of the others, × the theory&apos;s mean s²); the law&apos;s largest s is {edge}, this network&apos;s {largest}</source>
        <translation>曲线：无限宽度下 s 的分布（自由概率：J 是一个元素独立同分布、被 relu 的 σ&apos; ∈ {{0, 1}} 掩码的随机矩阵：无限宽度下一半的 s 为 0，这里为 0 的个数等于未激活的单元数，曲线是其余 s 的分布（乘以理论的 s² 均值））；该分布的最大 s 为 {edge}，本网络为 {largest}</translation>
    </message>
    <message>
        <source>Curve: the law of s at infinite width (free probability: J is a product of {depth} random matrices of i.i.d. entries, each masked by relu&apos;s σ&apos; ∈ {{0, 1}}: at infinite width half of the s are 0, here n less the fewest units on in a layer, and the curve is the law of the others, × the theory&apos;s mean s²); the law&apos;s largest s is {edge}, this network&apos;s {largest}</source>
        <translation>曲线：无限宽度下 s 的分布（自由概率：J 是 {depth} 个元素独立同分布的随机矩阵之积，每个都被 relu 的 σ&apos; ∈ {{0, 1}} 掩码：无限宽度下一半的 s 为 0，这里为 n 减去激活单元最少的一层的激活数，曲线是其余 s 的分布（乘以理论的 s² 均值））；该分布的最大 s 为 {edge}，本网络为 {largest}</translation>
    </message>
    <message>
        <source>{curve}. The law is that of depth ≪ width: this network&apos;s largest s falls short of the law&apos;s</source>
        <translation>{curve}。该分布对应深度 ≪ 宽度的情形：本网络最大的 s 达不到该分布的最大值</translation>
    </message>
    <message>
        <source>{below} of {k} singular values are below the float64 precision floor {floor}: {blocked} zero as the narrowest layer, {narrowest} units, lets at most {narrowest} directions through J, the others zero or too small to be told from zero as relu&apos;s units off for this input take theirs out</source>
        <translation>{k} 个奇异值中有 {below} 个低于 float64 精度下限 {floor}：其中 {blocked} 个为零，因为最窄的一层只有 {narrowest} 个单元，J 最多只能传递 {narrowest} 个方向；其余的因对这个输入未激活的 relu 单元去掉了各自的方向而为零，或小到无法与零区分</translation>
    </message>
    <message>
        <source>1 of {k} singular values is below the float64 precision floor {floor}: zero, as the narrowest layer, {narrowest} units, lets at most {narrowest} directions through J</source>
        <translation>{k} 个奇异值中有 1 个低于 float64 精度下限 {floor}：它为零，因为最窄的一层只有 {narrowest} 个单元，J 最多只能传递 {narrowest} 个方向</translation>
    </message>
    <message>
        <source>1 of {k} singular values is below the float64 precision floor {floor}: relu&apos;s units off for this input take their rows out of J, which leaves it zero or too small to be told from zero</source>
        <translation>{k} 个奇异值中有 1 个低于 float64 精度下限 {floor}：对这个输入未激活的 relu 单元去掉了 J 中各自的行，使它为零，或小到无法与零区分</translation>
    </message>
    <message>
        <source>1 of {k} singular values is below the float64 precision floor {floor}: it cannot be told from zero</source>
        <translation>{k} 个奇异值中有 1 个低于 float64 精度下限 {floor}：无法与零区分</translation>
    </message>
    <message>
        <source>{below} of {k} singular values are below the float64 precision floor {floor}: zero, as the narrowest layer, {narrowest} units, lets at most {narrowest} directions through J</source>
        <translation>{k} 个奇异值中有 {below} 个低于 float64 精度下限 {floor}：它们为零，因为最窄的一层只有 {narrowest} 个单元，J 最多只能传递 {narrowest} 个方向</translation>
    </message>
    <message>
        <source>{below} of {k} singular values are below the float64 precision floor {floor}: relu&apos;s units off for this input take their rows out of J, which leaves singular values zero or too small to be told from zero</source>
        <translation>{k} 个奇异值中有 {below} 个低于 float64 精度下限 {floor}：对这个输入未激活的 relu 单元去掉了 J 中各自的行，使一些奇异值为零，或小到无法与零区分</translation>
    </message>
    <message>
        <source>{below} of {k} singular values are below the float64 precision floor {floor}: they cannot be told from zero</source>
        <translation>{k} 个奇异值中有 {below} 个低于 float64 精度下限 {floor}：无法与零区分</translation>
    </message>
    <message>
        <source>{line} (marked on the left, not in the histogram)</source>
        <translation>{line}（标在左侧，不计入直方图）</translation>
    </message>
    <message>
        <source>{line} (counted in the x axis&apos;s label, not in the histogram)</source>
        <translation>{line}（计数标在横轴标签中，不计入直方图）</translation>
    </message>
    <message>
        <source>{floor} (the largest singular value, {largest}, × max(n_0, n_L)·ε)</source>
        <translation>{floor}（最大奇异值 {largest} × max(n_0, n_L)·ε）</translation>
    </message>
    <message>
        <source>Monte Carlo&apos;s float32 gradient underflows at layer {layer}, where the theory puts its variance at {theory} decades: nearly every unit is saturated (σ&apos; rounds to 0), while the theory&apos;s expectation is carried by rare unsaturated units that a finite network seldom has</source>
        <translation>蒙特卡洛的 float32 梯度在第 {layer} 层下溢，而理论给出此处的方差为 {theory} 个数量级：几乎所有单元都已饱和（σ&apos; 舍入为 0），而理论的期望来自极少数未饱和的单元，有限宽度的网络中几乎不会出现这样的单元</translation>
    </message>
    <message>
        <source>at q*</source>
        <translation>在 q* 处</translation>
    </message>
    <message>
        <source>as q → 0</source>
        <translation>q → 0 时</translation>
    </message>
    <message>
        <source>as q → ∞</source>
        <translation>q → ∞ 时</translation>
    </message>
    <message>
        <source>the same at every q</source>
        <translation>对任意 q 都相同</translation>
    </message>
    <message>
        <source>★ this network&apos;s hidden layers: {point}</source>
        <translation>★ 本网络的隐藏层：{point}</translation>
    </message>
    <message>
        <source>. χ₁ takes this value only in the limit q → 0, which q_t approaches slowly: at finite depth the layers&apos; factors are not yet 1 (the verdict of the network&apos;s variance profile), and the network&apos;s gain sweep gives its critical gain, every layer counted</source>
        <translation>。χ₁ 只在 q → 0 的极限下取这个值，而 q_t 趋于 0 很慢：有限深度下各层的因子还不是 1（见网络方差曲线的结论）；把每一层都计算在内时，本网络的临界增益由网络的增益扫描给出</translation>
    </message>
    <message>
        <source>at layer {last} no unit varies measurably over the batch</source>
        <translation>到第 {last} 层已没有单元随输入产生可测的变化</translation>
    </message>
    <message>
        <source>{decades} decades at layer {last}</source>
        <translation>第 {last} 层为 {decades} 个数量级</translation>
    </message>
    <message>
        <source>from layer {layer} the units vary over the batch {threshold}+ decades less than the pooled variance ({end}): each unit&apos;s fixed offset holds the variance up while every input gives nearly the same h^t — the input is being forgotten (two inputs&apos; correlation → 1, the ordered phase)</source>
        <translation>从第 {layer} 层起，各单元随输入变化的方差（对批量计算）比合并方差低 {threshold} 个数量级以上（{end}）：合并方差主要来自各单元固定不变的偏移，不同输入得到的 h^t 几乎相同——网络正在遗忘输入（两个输入的相关系数 → 1，处于有序相）</translation>
    </message>
    <message>
        <source>Monte Carlo {decades} decades from the theory at layer {layer} ({direction}), where its float32 values underflowed: nearly every unit is saturated (σ&apos; rounds to 0), while the theory&apos;s expectation is carried by rare unsaturated units that a finite network seldom has</source>
        <translation>蒙特卡洛在第 {layer} 层（{direction}）与理论之差为 {decades} 个数量级，此处其 float32 数值已下溢：几乎所有单元都已饱和（σ&apos; 舍入为 0），而理论的期望来自极少数未饱和的单元，有限宽度的网络中几乎不会出现这样的单元</translation>
    </message>
    <message>
        <source>Monte Carlo {decades} decades from the theory at layer {layer} ({direction}), a layer of one unit: its variance is over the batch alone, while the theory&apos;s also counts how units&apos; fixed offsets differ, which one unit cannot show</source>
        <translation>蒙特卡洛在第 {layer} 层（{direction}）与理论之差为 {decades} 个数量级，该层只有一个单元：它的方差只是对批量求的，而理论的方差还计入了各单元固定偏移之间的差异，单个单元无法体现这一部分</translation>
    </message>
    <message>
        <source>Monte Carlo {decades} decades from the theory at layer {layer} ({direction}): finite width — one network falls below the expectation over weights that the theory gives</source>
        <translation>蒙特卡洛在第 {layer} 层（{direction}）与理论之差为 {decades} 个数量级：这是有限宽度的影响——单个网络的方差低于理论值（对权重取期望）</translation>
    </message>
    <message>
        <source>Monte Carlo {decades} decades from the theory at layer {layer} ({direction}), more than the trials&apos; spread explains: finite width — one network falls below the expectation over weights that the theory gives</source>
        <translation>蒙特卡洛在第 {layer} 层（{direction}）与理论之差为 {decades} 个数量级，超出了多次抽样的离散程度所能解释的范围：这是有限宽度的影响——单个网络的方差低于理论值（对权重取期望）</translation>
    </message>
    <message>
        <source>Monte Carlo {decades} decades from the theory at layer {layer} ({direction}): finite width — one network falls below the expectation over weights that the theory gives, toward the typical run</source>
        <translation>蒙特卡洛在第 {layer} 层（{direction}）与理论之差为 {decades} 个数量级：这是有限宽度的影响——单个网络的方差低于理论值（对权重取期望），更接近典型网络（点线）</translation>
    </message>
    <message>
        <source>Monte Carlo {decades} decades from the theory at layer {layer} ({direction}), more than the trials&apos; spread explains: finite width — one network falls below the expectation over weights that the theory gives, toward the typical run</source>
        <translation>蒙特卡洛在第 {layer} 层（{direction}）与理论之差为 {decades} 个数量级，超出了多次抽样的离散程度所能解释的范围：这是有限宽度的影响——单个网络的方差低于理论值（对权重取期望），更接近典型网络（点线）</translation>
    </message>
    <message>
        <source>Monte Carlo {decades} decades from the theory at layer {layer} ({direction}): the variance pooled over the batch is a mean over inputs, carried by those whose variance decays slowest</source>
        <translation>蒙特卡洛在第 {layer} 层（{direction}）与理论之差为 {decades} 个数量级：按批量合并的方差是对各输入的平均，由方差衰减最慢的那些输入主导</translation>
    </message>
    <message>
        <source>Monte Carlo {decades} decades from the theory at layer {layer} ({direction}), more than the trials&apos; spread explains: the variance pooled over the batch is a mean over inputs, carried by those whose variance decays slowest</source>
        <translation>蒙特卡洛在第 {layer} 层（{direction}）与理论之差为 {decades} 个数量级，超出了多次抽样的离散程度所能解释的范围：按批量合并的方差是对各输入的平均，由方差衰减最慢的那些输入主导</translation>
    </message>
</context>
</TS>
